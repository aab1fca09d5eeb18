/**
 * Ingest plus the typing a build does for those rows (issue 15: ≤ 1.3×), against DuckDB reading the same
 * CSV and running the same typing SQL on its columns directly. The product's side: the ingest the case
 * above timed (validated, versioned, provenance kept) plus the build's copy of the landed rows through
 * `typedSelectSql` (pipelines/ingest/typed.ts, what pipelines/build/source-sync.ts runs). The baseline's side:
 * `read_csv(all_varchar)` with each field's text trimmed, parsed by the same `parsedExpr`, its extras, the
 * contract's derived columns and its findings — the typing without the landing's JSON cells, file parts,
 * dictionaries of distinct texts and provenance. Both write a table into a file and checkpoint.
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { ident, literal, withDb, type Db } from '../lib/db.js';
import { paths } from '../lib/dataDir.js';
import { loadConfig } from '../lib/config/load.js';
import { installMacros } from '../lib/sql/macros.js';
import { CONTRACTS } from '../pipelines/ingest/contracts/index.js';
import type { SourceContract } from '../pipelines/ingest/contracts/types.js';
import { extrasOf, findingChecks, parsedExpr, sqlType, textColumn, TRIM } from '../pipelines/ingest/fieldSql.js';
import { mapHeaders } from '../pipelines/ingest/headers.js';
import { typedSelectSql } from '../pipelines/ingest/typed.js';
import { WAREHOUSE } from '../pipelines/build/materialize.js';

export interface TypingRun {
  seconds: number;
  rows: number;
  /** Per field, how many rows have a value: the two sides must agree. */
  filled: Record<string, number>;
}

const seconds = (since: number) => (performance.now() - since) / 1000;

/** The header line of a UTF-8 CSV the bench wrote (no quoted commas in its headers). */
function csvHeaders(file: string): string[] {
  const head = readFileSync(file, 'utf8').slice(0, 64 * 1024);
  return head
    .slice(0, head.indexOf('\n'))
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '')
    .split(',');
}

/** The contract's typing written straight over read_csv's columns. */
export function directTypingSql(contract: SourceContract, file: string, unitErrorThresholdYuan: number): string {
  const headers = csvHeaders(file);
  const mapping = mapHeaders(contract, headers);
  const texts = contract.fields.map((f) => {
    const col = mapping.columns.find((c) => c.field === f.name);
    return `${col ? TRIM(ident(col.header)) : 'cast(null as varchar)'} as ${textColumn(f)}`;
  });
  const factor = (name: string) => {
    const col = mapping.columns.find((c) => c.field === name && c.unit !== null);
    const f = contract.fields.find((x) => x.name === name)!;
    return (col?.unit ?? f.unit ?? 'yuan') === 'wan' ? 10000 : 1;
  };
  const parsed = contract.fields.flatMap((f) => {
    const value = parsedExpr(f, textColumn(f));
    const scaled = f.type === 'amount' ? `${value} * ${factor(f.name)}` : value;
    return [
      `${scaled} as ${ident(f.name)}`,
      ...extrasOf(f).map(([x, e]) => `${e(value)} as ${ident(`${f.name}__${x}`)}`),
    ];
  });
  const derived = (contract.derived ?? []).map((d) => `${d.sql} as ${ident(d.name)}`);
  const findings = findingChecks(contract, unitErrorThresholdYuan);
  const columns = [
    ...contract.fields.map((f) => `cast(${ident(f.name)} as ${sqlType(f)}) as ${ident(f.name)}`),
    ...(contract.derived ?? []).map((d) => `cast(${ident(d.name)} as ${d.type}) as ${ident(d.name)}`),
  ];
  return `with l as (
  select ${texts.join(',\n    ')}
  from read_csv(${literal(file)}, all_varchar = true, header = true)
),
parsed as (select l.*, ${parsed.join(',\n    ')} from l),
derived as (select *${derived.length ? `, ${derived.join(', ')}` : ''} from parsed)
select list_filter([${findings.length ? findings.join(', ') : 'cast(null as varchar)'}], lambda x: x is not null) as _findings,
  ${columns.join(', ')}
from derived`;
}

async function filledOf(db: Db, table: string, contract: SourceContract): Promise<Record<string, number>> {
  const counts = contract.fields.map((f) => `count(${ident(f.name)}) as ${ident(f.name)}`).join(', ');
  const [row] = await db.all<Record<string, number>>(`select ${counts} from ${table}`);
  return row ?? {};
}

/**
 * Types one source into a table of a fresh file, timing the statement and its checkpoint. `typing` readies the
 * connection (macros installed) and gives the select that types the rows.
 */
async function typedInto(
  dbPath: string,
  source: string,
  typing: (db: Db, contract: SourceContract, thresholdYuan: number) => Promise<string>,
): Promise<TypingRun> {
  const contract = (CONTRACTS as Record<string, SourceContract>)[source]!;
  const config = loadConfig();
  await rm(dbPath, { force: true });
  return withDb(dbPath, {}, async (db) => {
    await installMacros(db, config);
    const sql = await typing(db, contract, config.ingest.unit_error_threshold_wan * 10000);
    const started = performance.now();
    await db.run(`create table t as ${sql}`);
    await db.run('checkpoint');
    const s = seconds(started);
    return {
      seconds: s,
      rows: await db.value<number>('select count(*) from t'),
      filled: await filledOf(db, 't', contract),
    };
  });
}

/** DuckDB alone: read the CSV and type it in one statement into a file table. */
export const baselineReadAndType = (file: string, dbPath: string, source = 'penalties'): Promise<TypingRun> =>
  typedInto(dbPath, source, async (_db, contract, threshold) => directTypingSql(contract, file, threshold));

/** The build's typing of what the ingest landed in `dataDir`'s warehouse, into a build-like file. */
export const productTyping = (dataDir: string, dbPath: string, source = 'penalties'): Promise<TypingRun> =>
  typedInto(dbPath, source, async (db, contract, threshold) => {
    await db.run(`attach ${literal(paths.warehouse(dataDir))} as ${WAREHOUSE} (read_only)`);
    return typedSelectSql(contract, { catalog: `${WAREHOUSE}.`, unitErrorThresholdYuan: threshold });
  });
