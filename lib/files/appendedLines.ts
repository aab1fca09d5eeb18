/**
 * The JSON lines of an append-only file (the audit log's months, the check records), parsed once. The
 * file only grows by whole lines, so while it has the same inode and at least the size read before, only
 * what was appended since is read: pages that list every line (审计日志, 核查记录) parsed months of lines
 * again for every view. A file put in its place (another inode, or shorter) is read again from its start.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

interface Held {
  ino: number;
  /** Bytes parsed: a whole number of lines. */
  size: number;
  rows: unknown[];
}

const held = new Map<string, Held>();

/**
 * Every line's value, oldest first; [] when there is no file. The array is shared with later calls:
 * do not change it. `bad`: a line that is not JSON (torn by a crash mid-append) is skipped, or thrown.
 */
export function appendedJsonLines<T>(file: string, bad: 'skip' | 'throw' = 'skip'): readonly T[] {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const before = held.get(file);
  const from = before && before.ino === st.ino && before.size <= st.size ? before : { ino: st.ino, size: 0, rows: [] };
  if (from.size === st.size) return from.rows as T[];
  const bytes = Buffer.alloc(st.size - from.size);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, bytes, 0, bytes.length, from.size);
  } finally {
    closeSync(fd);
  }
  // Only whole lines: a line being appended right now is read next time.
  const whole = bytes.subarray(0, bytes.subarray(0, read).lastIndexOf(0x0a) + 1);
  const rows = [...from.rows];
  for (const line of whole.toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      rows.push(JSON.parse(line));
    } catch (e) {
      if (bad === 'throw') throw e;
    }
  }
  held.set(file, { ino: st.ino, size: from.size + whole.length, rows });
  return rows as T[];
}
