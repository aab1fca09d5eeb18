/**
 * What the models phase decides with: the state of every source a model reads, the salt every
 * fingerprint includes, the states the previous build recorded, and the relations the build file
 * and the previous build already hold.
 */
import { ident, type Db } from '../../lib/db.js';
import { calendarCoverage } from '../../lib/reference/coverage.js';
import { relationExists, type BuildContext } from './build-context.js';
import { storedStates, tableState, type ModelState, type SourceStates } from './fingerprints.js';
import { PREVIOUS } from './materialize.js';
import type { SyncResult } from './source-sync.js';
import type { Project } from './types.js';

export interface ModelInputs {
  sourceStates: SourceStates;
  salt: string;
  /** What each model of the copied build was computed from. */
  stored: ReadonlyMap<string, ModelState>;
  /** Relations (name → 'table' | 'view') of schema main in the build file, all of them still models. */
  heldRelations: Map<string, string>;
  /** Tables of schema main in the previous build. */
  previousTables: ReadonlySet<string>;
  /** Models some other model reads. */
  read: ReadonlySet<string>;
}

export async function modelInputs(ctx: BuildContext, sources: readonly SyncResult[]): Promise<ModelInputs> {
  const { db, opts, plan } = ctx;
  const sourceStates = await sourceStatesOf(db, plan.project, sources);
  const salt = await macroSalt(db);
  const stored = plan.fromPrevious ? await storedStates(db) : new Map<string, ModelState>();
  const catalog = await db.value<string>('select current_database()');
  const heldRelations = await dropUnmadeRelations(ctx, catalog);
  if (await relationExists(db, catalog, 'ref', 'calendar')) {
    // A warning, never a failure: working-day counts past the calendar's end are unreliable.
    const coverage = await calendarCoverage(db, opts.asOf, opts.config.calendar.coverage_warning_days);
    if (!coverage.ok) opts.log.warn(coverage.message);
  }
  const previousTables = plan.hasPrevious
    ? new Set(
        (
          await db.all<{ t: string }>(
            `select table_name as t from duckdb_tables() where database_name = ? and schema_name = 'main'`,
            [PREVIOUS],
          )
        ).map((r) => r.t),
      )
    : new Set<string>();
  const read = new Set([...plan.project.models.values()].flatMap((m) => m.refs));
  return { sourceStates, salt, stored, heldRelations, previousTables, read };
}

/** What each model would be computed from now: the synced sources' states, the others' read here. */
async function sourceStatesOf(db: Db, project: Project, sources: readonly SyncResult[]): Promise<SourceStates> {
  const states = new Map(sources.map((r) => [`${r.schema}.${r.table}`, r.state]));
  const bases = new Map(sources.map((r) => [`${r.schema}.${r.table}`, r.basis]));
  for (const m of project.models.values()) {
    for (const s of m.sources) {
      const k = `${s.schema}.${s.table}`;
      if (!states.has(k)) states.set(k, await tableState(db, s.schema, s.table));
    }
  }
  return {
    state: (sc: string, t: string) => states.get(`${sc}.${t}`) ?? '',
    basis: (sc: string, t: string) => bases.get(`${sc}.${t}`) ?? states.get(`${sc}.${t}`) ?? '',
  };
}

/**
 * This file's macros only: the attached warehouse and previous build hold their own copies, and a
 * build with no previous build to attach must fingerprint as one with it.
 */
function macroSalt(db: Db): Promise<string> {
  return db.value<string>(
    `select version() || coalesce(string_agg(function_name || ':' || coalesce(macro_definition, ''), '|'
         order by function_name, macro_definition), '')
     from duckdb_functions()
     where database_name = current_database() and function_type in ('macro', 'table_macro')
       and starts_with(function_name, 'cs_')`,
  );
}

/**
 * Relations the copy holds: a model's is dropped when it is made again (by the models phase), and one
 * that no model makes any more goes now.
 */
async function dropUnmadeRelations({ db, plan, work }: BuildContext, catalog: string): Promise<Map<string, string>> {
  const rows = await db.all<{ name: string; kind: string }>(
    `select table_name as name, 'table' as kind from duckdb_tables() where database_name = ? and schema_name = 'main'
     union all
     select view_name, 'view' from duckdb_views() where database_name = ? and schema_name = 'main' and not internal`,
    [catalog, catalog],
  );
  const held = new Map(rows.map((r) => [r.name, r.kind]));
  for (const [name, kind] of held) {
    if (!plan.project.models.has(name)) {
      await work(`drop ${kind} ${ident(name)}`);
      held.delete(name);
    }
  }
  return held;
}
