/**
 * Runs the YAML unit tests: each in a fresh in-memory DuckDB holding the declared sources (empty, typed
 * as _sources.yml says) and every upstream model as a view, so each given input takes the real types of
 * what it stands for. The model under test reads the given rows instead of its ref()s and source()s, and
 * its rows are compared with the expected ones as a multiset, on the expected rows' columns only.
 */
import { Database, ident, literal, type Db, type Row } from '../../lib/db.js';
import { InputError } from '../../lib/errors.js';
import type { Config } from '../../lib/config/schema.js';
import { installMacros } from '../../lib/sql/macros.js';
import { topoOrder } from './dag.js';
import { renderContext } from './compile.js';
import { snapshotRemovalsSql } from './snapshots.js';
import { render, type RenderContext } from './template.js';
import type { Project, UnitTestDecl } from './types.js';
import { modelInputs } from './unit-test-decl.js';

export interface UnitTestResult {
  name: string;
  model: string;
  path: string;
  status: 'pass' | 'fail' | 'error';
  /** Expected rows the model did not return, and returned rows that were not expected. */
  missing: Row[];
  unexpected: Row[];
  message: string | null;
}

/** A YAML value as a SQL expression, cast by the caller to the column's type. */
function valueSql(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return literal(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(valueSql).join(', ')}]`;
  if (typeof v === 'object')
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${literal(k)}: ${valueSql(x)}`)
      .join(', ')}}`;
  throw new InputError(`cannot write ${String(v)} as SQL`);
}

async function columnTypes(db: Db, schema: string, table: string): Promise<Map<string, string>> {
  const rows = await db.all<{ c: string; t: string }>(
    `select column_name as c, data_type as t from duckdb_columns()
     where database_name = current_database() and schema_name = ? and table_name = ?`,
    [schema, table],
  );
  return new Map(rows.map((r) => [r.c, r.t]));
}

/** Inserts YAML rows into a typed table: each value cast to its column's type; absent columns are NULL. */
async function insertRows(db: Db, schema: string, table: string, rows: ReadonlyArray<Record<string, unknown>>) {
  if (rows.length === 0) return;
  const types = await columnTypes(db, schema, table);
  const selects = rows.map((row) => {
    const cells = Object.entries(row).map(([c, v]) => {
      const type = types.get(c);
      if (!type) throw new InputError(`${schema}.${table} has no column ${c} (it has ${[...types.keys()].join(', ')})`);
      return `cast(${valueSql(v)} as ${type}) as ${ident(c)}`;
    });
    if (cells.length === 0) throw new InputError(`a row given for ${schema}.${table} names no column`);
    return `select ${cells.join(', ')}`;
  });
  // by name: each row may name its own columns; the others stay NULL.
  await db.run(`insert into ${ident(schema)}.${ident(table)} by name ${selects.join('\nunion all by name\n')}`);
}

/** The configuration with this test's dotted-path overrides. */
function withOverrides(config: Readonly<Config>, overrides: Record<string, unknown>): unknown {
  const copy = structuredClone(config) as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(overrides)) {
    const parts = path.split('.');
    let node = copy;
    for (const p of parts.slice(0, -1)) {
      if (typeof node[p] !== 'object' || node[p] === null) throw new InputError(`config ${path} names no value`);
      node = node[p] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1] ?? '';
    if (!(last in node)) throw new InputError(`config ${path} names no value`);
    node[last] = value;
  }
  return copy;
}

/** Every model the tested model reads, directly or not, in build order. */
function upstream(project: Project, model: string): string[] {
  const seen = new Set<string>();
  const visit = (m: string) => {
    for (const r of project.models.get(m)?.refs ?? []) {
      if (seen.has(r)) continue;
      seen.add(r);
      visit(r);
    }
  };
  visit(model);
  return topoOrder(project).filter((m) => seen.has(m));
}

/** The empty sources, snapshot tables and upstream views of a fresh database. */
async function prepare(db: Db, project: Project, ut: UnitTestDecl, ctx: RenderContext): Promise<void> {
  const model = project.models.get(ut.model)!;
  for (const s of model.sources) {
    if (s.schema !== 'snapshots' && !project.sources.has(`${s.schema}.${s.table}`))
      throw new InputError(
        `${ut.model} reads source('${s.schema}', '${s.table}'), which _sources.yml does not declare`,
      );
  }
  for (const s of project.sources.values()) {
    const cols = s.columns.map((c) => `${ident(c.name)} ${c.data_type}`).join(', ');
    await db.exec(`create schema if not exists ${ident(s.schema)};
      create table ${ident(s.schema)}.${ident(s.table)} (${cols || 'none integer'})`);
  }
  for (const s of project.snapshots.values()) {
    await db.exec(`create schema if not exists snapshots;
      create table snapshots.${ident(s.name)} as ${snapshotRemovalsSql(s)}`);
  }
  for (const name of upstream(project, ut.model)) {
    const m = project.models.get(name)!;
    await db.exec(`create view main.${ident(name)} as ${render(m.sql, m.tokens, ctx).trim().replace(/;+$/, '')}`);
  }
}

const givenTable = (model: string) => `${model}__given`;

async function runOne(db: Db, project: Project, ut: UnitTestDecl, config: Readonly<Config>): Promise<UnitTestResult> {
  const base = renderContext({
    asOf: ut.asOf ?? '1970-01-01',
    buildId: 'unit_test',
    config: withOverrides(config, ut.config),
  });
  await prepare(db, project, ut, base);
  const model = project.models.get(ut.model)!;
  for (const input of modelInputs(model)) {
    if (!input.startsWith('ref:')) continue;
    const ref = input.slice(4);
    await db.run(`create table main.${ident(givenTable(ref))} as select * from main.${ident(ref)} limit 0`);
  }
  for (const g of ut.given) {
    const [kind, name = ''] = g.input.split(':');
    if (kind === 'ref') await insertRows(db, 'main', givenTable(name), g.rows);
    else {
      const [schema = '', table = ''] = name.split('.');
      await insertRows(db, schema, table, g.rows);
    }
  }
  const ctx: RenderContext = { ...base, ref: (r) => `main.${ident(givenTable(r))}` };
  const sql = render(model.sql, model.tokens, ctx).trim().replace(/;+$/, '');
  const columns = [...new Set(ut.expect.flatMap((r) => Object.keys(r)))];
  const list = columns.length ? columns.map(ident).join(', ') : '*';
  await db.run(`create table main.__actual as select ${list} from (${sql})`);
  await db.run(`create table main.__expected as select * from main.__actual limit 0`);
  await insertRows(db, 'main', '__expected', ut.expect);
  const missing = await db.all('select * from main.__expected except all select * from main.__actual');
  const unexpected = await db.all('select * from main.__actual except all select * from main.__expected');
  const status = missing.length || unexpected.length ? 'fail' : 'pass';
  return { name: ut.name, model: ut.model, path: ut.path, status, missing, unexpected, message: null };
}

/** Runs one unit test in its own in-memory database. */
export async function runUnitTest(
  project: Project,
  ut: UnitTestDecl,
  config: Readonly<Config>,
): Promise<UnitTestResult> {
  const database = await Database.open(':memory:');
  const db = await database.connect();
  try {
    await installMacros(db, config);
    return await runOne(db, project, ut, config);
  } catch (e) {
    const message = (e as Error).message;
    return { name: ut.name, model: ut.model, path: ut.path, status: 'error', missing: [], unexpected: [], message };
  } finally {
    db.close();
    database.close();
  }
}

export async function runUnitTests(project: Project, config: Readonly<Config>): Promise<UnitTestResult[]> {
  const out: UnitTestResult[] = [];
  for (const ut of project.unitTests) out.push(await runUnitTest(project, ut, config));
  return out;
}
