/**
 * The audit log: one JSON line per read of entity data, export and failed login, appended to
 * DIR/audit/audit-YYYY-MM.jsonl. The lines form one hash chain across the monthly files
 * (lib/auth/auditChain.ts): each carries the hash of the line before it, so a changed, removed or
 * inserted line breaks the chain where it happened (`sentinel audit verify`, docs/audit.md).
 * Appending needs the previous line's hash, so the server and a CLI export must not append at once:
 * each append takes DIR/audit/.lock (lib/auth/auditLock.ts).
 */
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import { paths } from '../dataDir.js';
import { appendedJsonLines } from '../files/appendedLines.js';
import { GENESIS, chainLine, lineHash, type ChainFields } from './auditChain.js';
import { withAuditLock } from './auditLock.js';

export interface AuditEntry {
  at: string;
  user: string;
  role: string;
  via: 'session' | 'token' | 'cli' | 'none';
  /** profile_view, page_view, record_view, project_view, dataset_read, dataset_export, login_failed, … */
  action: string;
  /** The dataset name, the page, the entity's USCC, the record or project id. */
  target: string;
  filters: Record<string, string>;
  format: string | null;
  rows: number | null;
  build_id: string | null;
  ip: string | null;
}

export type ChainedEntry = AuditEntry & ChainFields;

export const auditDir = paths.audit;
export const AUDIT_FILE = /^audit-\d{4}-\d{2}\.jsonl$/;

/** The monthly files in chain order (named by month, so name order is time order). */
export async function auditFiles(dataDir: string): Promise<string[]> {
  try {
    return (await readdir(auditDir(dataDir))).filter((n) => AUDIT_FILE.test(n)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** The hash of the chain's last line: the last line of the newest file that has one, or the genesis. */
async function lastHash(dataDir: string): Promise<string> {
  const names = await auditFiles(dataDir);
  for (const name of names.reverse()) {
    const text = await readTail(paths.auditFile(dataDir, name));
    const lines = text.split('\n').filter((l) => l !== '');
    const last = lines.at(-1);
    if (last !== undefined) return lineHash(last);
  }
  return GENESIS;
}

/** The end of a file, enough to hold its last line (lines are well under 64 KiB). */
async function readTail(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const length = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(length);
    await fh.read(buf, 0, length, size - length);
    const text = buf.toString('utf8');
    // A tail cut inside the first line: drop the partial line (the last one is whole).
    return length < size ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    await fh.close();
  }
}

/** Where this process last ended the chain: the month file, its identity and size after the write, the last hash. */
interface ChainEnd {
  month: string;
  ino: number;
  size: number;
  hash: string;
}

export class AuditLog {
  private ready: Promise<unknown> | null = null;
  private end: ChainEnd | null = null;
  /** Entries waiting for the append in progress to finish; the next append writes them all. */
  private waiting: Array<{ entry: Omit<AuditEntry, 'at'>; done: (e?: unknown) => void }> = [];
  private appending: Promise<void> | null = null;

  constructor(
    readonly dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Resolves once the entry's line is in the file. Appends of this process run one at a time (only other
   * processes contend for the lock file); the entries that arrive during one are written by the next in one
   * lock, one read of the chain's end and one write, in arrival order: under 32 concurrent requests a line
   * per lock made the audit log the queue every request waited in.
   */
  record(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ entry, done: (e) => (e === undefined ? resolve() : reject(e as Error)) });
      this.appending ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      const batch = this.waiting.splice(0);
      try {
        await this.append(batch.map((b) => b.entry));
        for (const b of batch) b.done();
      } catch (e) {
        for (const b of batch) b.done(e ?? new Error('audit append failed'));
      }
    }
    this.appending = null;
  }

  private async append(entries: Array<Omit<AuditEntry, 'at'>>): Promise<void> {
    // The log names who read whose data: readable by the service's user only.
    this.ready ??= mkdir(auditDir(this.dataDir), { recursive: true, mode: 0o700 });
    await this.ready;
    await withAuditLock(auditDir(this.dataDir), async () => {
      const stamped = entries.map((entry) => ({ at: this.now().toISOString(), ...entry }));
      let prev = (await this.cachedEnd(stamped[0]!.at.slice(0, 7))) ?? (await lastHash(this.dataDir));
      // Lines by month file, in order: a batch that spans midnight at the month's end writes to both.
      const byMonth = new Map<string, string[]>();
      for (const { at, ...entry } of stamped) {
        const line = chainLine({ at, ...entry }, prev);
        prev = lineHash(line);
        const month = at.slice(0, 7);
        const lines = byMonth.get(month) ?? [];
        if (!lines.length) byMonth.set(month, lines);
        lines.push(line);
      }
      this.end = null;
      let written: Omit<ChainEnd, 'hash'> | null = null;
      for (const [month, lines] of byMonth) {
        const fh = await open(paths.auditMonth(this.dataDir, month), 'a', 0o600);
        try {
          await fh.write(lines.map((l) => `${l}\n`).join(''));
          const { ino, size } = await fh.stat();
          written = { month, ino, size };
        } finally {
          await fh.close();
        }
      }
      // The last month written holds the batch's last line, whose hash is `prev`.
      if (written) this.end = { ...written, hash: prev };
    });
  }

  /**
   * The hash this process's last append ended the chain with, when nothing has been appended since: the month
   * file it wrote is the same file at the same size, and the batch goes to that month (another process's line in a
   * later month's file would come first). Otherwise null, and the chain's end is read from the files. Under 32
   * concurrent checks, reading the end back from disk was a third of each append's file operations.
   */
  private async cachedEnd(month: string): Promise<string | null> {
    const end = this.end;
    if (!end || end.month !== month) return null;
    try {
      const st = await stat(paths.auditMonth(this.dataDir, end.month));
      return st.ino === end.ino && st.size === end.size ? end.hash : null;
    } catch {
      return null;
    }
  }
}

/** Every entry, oldest first. */
export async function readAudit(dataDir: string): Promise<ChainedEntry[]> {
  // Each month parsed once and read on from where it ended (lib/files/appendedLines.ts).
  let out: ChainedEntry[] = [];
  for (const n of await auditFiles(dataDir))
    out = out.concat(appendedJsonLines<ChainedEntry>(paths.auditFile(dataDir, n), 'throw'));
  return out;
}
