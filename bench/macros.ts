/**
 * `npm run bench -- --only macros`: the SQL validators over a million short Chinese names and mixed
 * dates, each timed against a plain count(name) over the same table in the same run (the ratio says
 * what the macro costs per row, whatever the machine's load); and the no-op reference reload, against
 * the first load of the same warehouse. These were elapsed-time assertions in the tests
 * (test/sql/macros-speed.test.ts, test/reference/calendar.test.ts), which failed on a loaded machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, type Db } from '../lib/db.js';
import { loadConfig } from '../lib/config/load.js';
import { installMacros } from '../lib/sql/macros.js';
import { loadReference } from '../lib/reference/index.js';
import type { BenchOutcome, Measurement } from './types.js';

const ROWS = 1_000_000;

// Short Chinese company names: 3–8 ideographs and a suffix; 30 % with full-width brackets, 5 % with
// full-width digits or letters, 0.15 % with a Kangxi radical or ㈱. Plus dates in mixed formats.
export const namesTable = (rows: number) => `create table names as
  select (
    array_to_string(list_transform(range(3 + (i % 6)::bigint), lambda k: chr(19968 + ((i * 7919 + k * 104729) % 20000)::integer)), '')
    || case when i % 10 < 3 then '（北京）有限公司' when i % 20 = 5 then '第１２３号ＡＢ店'
            when i % 1000 = 50 then '⼀号有限公司' when i % 2000 = 7 then '㈱商行' else '有限公司' end
  ) as name,
  case i % 5 when 0 then '2025/03/04' when 1 then '2025-3-4 10:22:31' when 2 then '2025年3月4日'
             when 3 then '20250304' else '45000' end as d
  from range(${rows}) t(i)`;

/** cs_nfkc's target is under 1 s on an idle 2-core machine; the others are context, read by their ratio. */
const MACROS: ReadonlyArray<{ name: string; expr: string; targetSeconds: number | null }> = [
  { name: 'cs_nfkc', expr: 'count(cs_nfkc(name))', targetSeconds: 1 },
  { name: 'cs_norm', expr: 'count(cs_norm(name))', targetSeconds: null },
  { name: 'cs_norm_docno', expr: 'count(cs_norm_docno(name))', targetSeconds: null },
  { name: 'cs_uscc_valid', expr: 'count_if(cs_uscc_valid(cs_norm_code(name)))', targetSeconds: null },
  { name: 'cs_id_norm', expr: 'count(cs_id_norm(name))', targetSeconds: null },
  { name: 'cs_parse_date', expr: 'count(cs_parse_date(d))', targetSeconds: null },
];

async function seconds(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return (performance.now() - t0) / 1000;
}

function row(name: string, s: number, baseline: number, target: string | null, pass: boolean | null): Measurement {
  return {
    bench: 'macros',
    case: name,
    rows: ROWS,
    seconds: s,
    rowsPerSecond: ROWS / s,
    baselineSeconds: baseline,
    ratio: s / baseline,
    peakRssMb: null,
    target,
    pass,
  };
}

async function macroRows(db: Db): Promise<Measurement[]> {
  await installMacros(db, loadConfig());
  await db.run(namesTable(ROWS));
  const baseline = await seconds(() => db.value('select count(name) from names'));
  const out: Measurement[] = [];
  for (const m of MACROS) {
    const s = await seconds(() => db.value(`select ${m.expr} from names`));
    const target = m.targetSeconds === null ? null : `< ${m.targetSeconds} s`;
    out.push(row(m.name, s, baseline, target, m.targetSeconds === null ? null : s < m.targetSeconds));
  }
  return out;
}

/** A reload with nothing changed reads one fingerprint; the first load builds the calendar and the codes. */
async function referenceRow(): Promise<Measurement> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ref-'));
  const database = await Database.open(join(dir, 'warehouse.duckdb'));
  const db = await database.connect();
  try {
    const first = await seconds(() => loadReference(db));
    const again = await seconds(() => loadReference(db));
    const r = row('reference reload, nothing changed', again, first, '< 1 s', again < 1);
    return { ...r, rows: null, rowsPerSecond: null };
  } finally {
    db.close();
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchMacros(progress: (line: string) => void): Promise<BenchOutcome> {
  const database = await Database.open(':memory:');
  const db = await database.connect();
  try {
    progress(`macros over ${ROWS.toLocaleString('en')} rows…`);
    const measurements = await macroRows(db);
    progress('reference reload…');
    measurements.push(await referenceRow());
    return { measurements, checks: [] };
  } finally {
    db.close();
    database.close();
  }
}
