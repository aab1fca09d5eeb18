/**
 * The fault corpus: each folder of cases/ is one malformed or hostile delivery with its expected outcome
 * (expected.json). Each is ingested into a fresh data directory (with an empty warehouse copied in, as
 * making one takes longer than the case: test/ingest/helpers.ts); the test checks the outcome, the
 * accounting identity, that a refused file stays in the inbox with a clerk's message, and that the load
 * log holds exactly one entry for it.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { paths } from '../../lib/dataDir.js';
import { query, runIngest, tempDataDirWithWarehouse } from '../ingest/helpers.js';

interface Expected {
  source: string;
  file: string;
  outcome: 'loaded' | 'quarantined' | 'refused' | 'skipped';
  /** A substring of the summary's message: the refusal, or the note of what was skipped. */
  message?: string;
  rows?: { read: number; loaded: number; quarantined: number };
  reasons?: string[];
  findings?: string[];
  /** Rows without any finding (the new findings must not touch them). */
  cleanRows?: number;
  values?: Record<string, unknown>;
  /** Number of cells the first quarantined row keeps. */
  cells?: number;
  encoding?: string;
}

const CASES = join(import.meta.dirname, 'cases');
const names = readdirSync(CASES).sort();

/** A clerk's message: Chinese, no DuckDB or JavaScript wording. */
const RAW = /Error|DuckDB|exception|undefined|position \d|stack|\bat \w+ \(/i;

async function prepare(name: string): Promise<string> {
  const dir = await tempDataDirWithWarehouse(`fault-${name}-`);
  const caseDir = join(CASES, name);
  if (existsSync(join(caseDir, 'inbox'))) cpSync(join(caseDir, 'inbox'), paths.inbox(dir), { recursive: true });
  if (existsSync(join(caseDir, 'make.ts'))) {
    const exp = JSON.parse(readFileSync(join(caseDir, 'expected.json'), 'utf8')) as Expected;
    const target = paths.sourceInbox(dir, exp.source);
    mkdirSync(target, { recursive: true });
    const mod = (await import(pathToFileURL(join(caseDir, 'make.ts')).href)) as {
      default: (d: string) => Promise<void>;
    };
    await mod.default(target);
  }
  return dir;
}

describe('the fault corpus', () => {
  it('has at least 40 cases, each with its expected outcome', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
    for (const n of names) expect(existsSync(join(CASES, n, 'expected.json')), n).toBe(true);
  });

  for (const name of names) {
    it.concurrent(name, async ({ expect }) => {
      const exp = JSON.parse(readFileSync(join(CASES, name, 'expected.json'), 'utf8')) as Expected;
      const dir = await prepare(name);
      const { runId, outcomes } = await runIngest(dir);
      expect(outcomes.map((o) => `${o.source}/${o.file}`)).toEqual([`${exp.source}/${exp.file}`]);
      const o = outcomes[0]!;
      const log = await query<{ status: string; message: string | null }>(
        dir,
        'select status, message from ingest.load_log where run_id = ?',
        [runId],
      );
      expect(log).toHaveLength(1);
      const inInbox = existsSync(join(paths.sourceInbox(dir, exp.source), exp.file));
      if (exp.outcome === 'refused') {
        expect(o.status).toBe('failed');
        expect(o.message).toContain(exp.message!);
        expect(o.message).toContain(exp.file);
        expect(o.message).not.toMatch(RAW);
        expect(log[0]!.message).toBe(o.message);
        expect(inInbox, 'a refused file stays in the inbox').toBe(true);
        expect(await query(dir, 'select * from ingest.files')).toHaveLength(0);
        return;
      }
      if (exp.outcome === 'skipped') {
        // Skipped by its name before reading (.xls, unknown types): listed with the reason, left in the inbox.
        expect(o.status).toBe('skipped');
        expect(o.message).toContain(exp.message!);
        expect(log[0]!.status).toBe('skipped');
        expect(inInbox, 'a skipped file stays in the inbox').toBe(true);
        expect(await query(dir, 'select * from ingest.files')).toHaveLength(0);
        return;
      }
      expect(o.status, o.message ?? '').toBe('loaded');
      expect(inInbox, 'a loaded file leaves the inbox').toBe(false);
      if (exp.message) expect(log[0]!.message ?? '').toContain(exp.message);
      else expect(log[0]!.message).toBeNull();
      const [file] = await query<{
        rows_read: number;
        rows_loaded: number;
        rows_quarantined: number;
        encoding: string;
      }>(dir, 'select rows_read, rows_loaded, rows_quarantined, encoding from ingest.files');
      expect(file!.rows_read).toBe(file!.rows_loaded + file!.rows_quarantined);
      if (exp.rows) {
        expect([o.rowsRead, o.rowsLoaded, o.rowsQuarantined]).toEqual([
          exp.rows.read,
          exp.rows.loaded,
          exp.rows.quarantined,
        ]);
        expect([file!.rows_read, file!.rows_loaded, file!.rows_quarantined]).toEqual([
          o.rowsRead,
          o.rowsLoaded,
          o.rowsQuarantined,
        ]);
      }
      if (exp.encoding) expect(file!.encoding).toBe(exp.encoding);
      const raw = await query<
        Record<string, unknown> & { _reason: string | null; _findings: string[]; _cells: string[] }
      >(dir, `select * from raw."${exp.source}" order by _part, _row_number`);
      const reasons = [...new Set(raw.map((r) => r._reason).filter((r) => r !== null))];
      expect(reasons).toEqual(exp.reasons ?? []);
      if (exp.outcome === 'quarantined') expect(o.rowsQuarantined).toBeGreaterThan(0);
      const findings = new Set(raw.flatMap((r) => r._findings));
      for (const f of exp.findings ?? []) expect([...findings], f).toContain(f);
      if (exp.cleanRows !== undefined) expect(raw.filter((r) => r._findings.length === 0)).toHaveLength(exp.cleanRows);
      if (exp.values) expect(raw.find((r) => r._reason === null)).toMatchObject(exp.values);
      if (exp.cells !== undefined) {
        const q = raw.find((r) => r._reason !== null)!;
        expect(q._cells).toHaveLength(exp.cells);
      }
    });
  }
});
