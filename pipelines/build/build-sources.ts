/**
 * The sources phase: the build file gets its own copy of every source, so it answers queries without
 * the warehouse and keeps the inputs it was built from; snapshot removals and the product's own files
 * join them.
 */
import { ident } from '../../lib/db.js';
import { InputError } from '../../lib/errors.js';
import { PRODUCT_SCHEMA, productSourceStatements } from '../../lib/followUp/productSources.js';
import { relationExists, type BuildContext } from './build-context.js';
import { WAREHOUSE } from './materialize.js';
import { snapshotRemovalsSql } from './snapshots.js';
import { syncSource, type SyncResult } from './source-sync.js';
import type { Project } from './types.js';

type SourceTable = { schema: string; table: string };

/** The warehouse tables the models and snapshots read, each once. */
function sourcesNeeded(project: Project): SourceTable[] {
  const all = [...project.models.values()].flatMap((m) =>
    m.sources.filter((s) => s.schema !== 'snapshots' && s.schema !== PRODUCT_SCHEMA),
  );
  for (const s of project.snapshots.values()) all.push({ schema: s.schema, table: s.table }, s.files);
  const seen = new Set<string>();
  return all
    .map(({ schema, table }) => ({ schema, table }))
    .filter((s) => !seen.has(`${s.schema}.${s.table}`) && seen.add(`${s.schema}.${s.table}`));
}

export async function syncSources(ctx: BuildContext): Promise<SyncResult[]> {
  const { db, opts, plan, work } = ctx;
  const needed = sourcesNeeded(plan.project);
  const missing: string[] = [];
  for (const s of needed) {
    if (!(await relationExists(db, WAREHOUSE, s.schema, s.table))) missing.push(`${s.schema}.${s.table}`);
  }
  if (missing.length)
    throw new InputError(`the warehouse lacks source table(s) ${missing.join(', ')}; run \`sentinel ingest\` first`);

  const unitErrorThresholdYuan = opts.config.ingest.unit_error_threshold_wan * 10000;
  const sources: SyncResult[] = [];
  for (const s of needed) {
    const started = performance.now();
    const r = await syncSource(db, s.schema, s.table, {
      unitErrorThresholdYuan,
      fromPrevious: plan.fromPrevious,
      work,
    });
    sources.push(r);
    const seconds = (performance.now() - started) / 1000;
    opts.log.info({ source: `${s.schema}.${s.table}`, mode: r.mode, rows: r.rows, seconds }, 'source');
  }
  if (plan.fromPrevious) await dropUnreadSources(ctx, needed);
  for (const s of plan.project.snapshots.values()) {
    await work(`create schema if not exists snapshots`);
    await work(`create or replace table snapshots.${ident(s.name)} as ${snapshotRemovalsSql(s)}`);
  }
  for (const sql of productSourceStatements(opts.dataDir)) await work(sql);
  return sources;
}

/** A source no model reads any more must not linger in the copy of the previous build. */
async function dropUnreadSources({ db, plan, work }: BuildContext, needed: readonly SourceTable[]): Promise<void> {
  const read = new Set([
    ...needed.map((x) => `${x.schema}.${x.table}`),
    ...[...plan.project.snapshots.keys()].map((n) => `snapshots.${n}`),
  ]);
  const held = await db.all<{ schema_name: string; table_name: string }>(
    `select schema_name, table_name from duckdb_tables()
     where database_name = current_database() and schema_name not in ('main', 'runs', ?)`,
    [PRODUCT_SCHEMA],
  );
  for (const t of held)
    if (!read.has(`${t.schema_name}.${t.table_name}`))
      await work(`drop table ${ident(t.schema_name)}.${ident(t.table_name)}`);
}
