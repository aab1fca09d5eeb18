/**
 * When an inbox file is complete. A department's export may still be appended to when the ingest looks:
 * a file is taken only when its marker (`<name>.done` / `<name>.ok`) says it is complete, or when it has
 * not changed for the settle interval; and it is checked again, by size and modification time to the
 * nanosecond, after hashing and before its rows are committed and before it is archived.
 */
import { stat } from 'node:fs/promises';

export interface FileState {
  size: bigint;
  mtimeNs: bigint;
}

export const MARKER_SUFFIXES = ['.done', '.ok'] as const;

export async function fileState(path: string): Promise<FileState> {
  const st = await stat(path, { bigint: true });
  return { size: st.size, mtimeNs: st.mtimeNs };
}

export function sameState(a: FileState, b: FileState): boolean {
  return a.size === b.size && a.mtimeNs === b.mtimeNs;
}

/** `x.csv.done` and `X.CSV.OK` mark `x.csv` / `X.CSV`; the data file's name is what precedes the suffix. */
export function markedName(name: string): string | null {
  const lower = name.toLowerCase();
  const suffix = MARKER_SUFFIXES.find((s) => lower.endsWith(s) && lower.length > s.length);
  return suffix ? name.slice(0, -suffix.length) : null;
}

/** Modified within the interval before (or, with a skewed clock, after) now: possibly still being written. */
export function isSettling(state: FileState, now: Date, settleSeconds: number): boolean {
  if (settleSeconds <= 0) return false;
  const ageMs = now.getTime() - Number(state.mtimeNs / 1_000_000n);
  return Math.abs(ageMs) < settleSeconds * 1000;
}

/** Thrown inside a file's transaction when the file changed while it was read: the load is rolled back. */
export class FileChangedError extends Error {
  constructor(readonly file: string) {
    super(`${file} changed while it was read`);
    this.name = 'FileChangedError';
  }
}

/** Throws FileChangedError when the file at `path` is no longer as it was seen (`before`). */
export async function assertUnchanged(path: string, name: string, before: FileState): Promise<void> {
  let now: FileState;
  try {
    now = await fileState(path);
  } catch {
    throw new FileChangedError(name);
  }
  if (!sameState(before, now)) throw new FileChangedError(name);
}
