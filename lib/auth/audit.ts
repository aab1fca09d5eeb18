/**
 * The audit log: one JSON line per profile view and per dataset download, appended to
 * DIR/audit/audit-YYYY-MM.jsonl. Appending needs no lock shared with DuckDB or other writers: each
 * entry is one write(2) on a file opened with O_APPEND, so lines from several processes never interleave.
 */
import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { paths } from '../dataDir.js';

export interface AuditEntry {
  at: string;
  user: string;
  role: string;
  via: 'session' | 'token';
  /** profile_view, dataset_read, dataset_export. */
  action: string;
  /** The dataset name or the entity's USCC. */
  target: string;
  filters: Record<string, string>;
  format: string | null;
  rows: number | null;
  build_id: string | null;
  ip: string | null;
}

export const auditDir = paths.audit;

export class AuditLog {
  private ready: Promise<unknown> | null = null;

  constructor(
    readonly dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    const at = this.now();
    this.ready ??= mkdir(auditDir(this.dataDir), { recursive: true });
    await this.ready;
    const month = at.toISOString().slice(0, 7);
    await appendFile(paths.auditMonth(this.dataDir, month), `${JSON.stringify({ at: at.toISOString(), ...entry })}\n`);
  }
}

/** Every entry, oldest first (files are named by month, so name order is time order). */
export async function readAudit(dataDir: string): Promise<AuditEntry[]> {
  let names: string[];
  try {
    names = (await readdir(auditDir(dataDir))).filter((n) => /^audit-\d{4}-\d{2}\.jsonl$/.test(n)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: AuditEntry[] = [];
  for (const n of names) {
    for (const line of (await readFile(paths.auditFile(dataDir, n), 'utf8')).split('\n')) {
      if (line) out.push(JSON.parse(line) as AuditEntry);
    }
  }
  return out;
}
