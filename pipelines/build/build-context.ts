/**
 * What the phases of `build()` share: the options, the plan made before any file is touched, and the
 * open build file with its traced `work` runner.
 */
import type { Db } from '../../lib/db.js';
import type { Config } from '../../lib/config/schema.js';
import type { Log } from '../../lib/log.js';
import type { PublishedPointer } from '../../lib/publish/pointer.js';
import type { Compiled } from './compile.js';
import type { BuildStatus, ModelRecord, TestRecord } from './records.js';
import type { SyncResult } from './source-sync.js';
import type { Project } from './types.js';
import type { EngineName } from './engines/dialect.js';

export interface BuildOptions {
  dataDir: string;
  config: Readonly<Config>;
  asOf: string;
  log: Log;
  now?: () => Date;
  modelsDir?: string;
  select?: readonly string[];
  fullRefresh?: boolean;
  /** Build for an as-of after today (Asia/Shanghai); refused without it. */
  allowFuture?: boolean;
  /** Collects every statement that does the work (not the bookkeeping), for the benchmark. */
  trace?: string[];
  /** Where the models run: DuckDB (the build file itself, the default) or PostgreSQL (docs/scale-out.md). */
  engine?: EngineName;
}

export interface BuildResult {
  buildId: string;
  asOf: string;
  status: BuildStatus;
  published: boolean;
  file: string;
  models: ModelRecord[];
  tests: TestRecord[];
  /** How each source reached the build file: appended to the previous build's copy, or copied whole. */
  sources: SyncResult[];
  message: string | null;
}

/** Everything decided before the build file exists. */
export interface BuildPlan {
  project: Project;
  /** Every model, upstream first. */
  order: string[];
  /** The models this build makes; the others are carried from the previous build. */
  selected: ReadonlySet<string>;
  buildId: string;
  compiled: Compiled;
  file: string;
  previous: PublishedPointer | null;
  previousFile: string | null;
  /** The previous build's file is there to read. */
  hasPrevious: boolean;
  /** The build file starts as a copy of the previous build's. */
  fromPrevious: boolean;
}

/** The open build file, for the phases that work in it. */
export interface BuildContext {
  opts: BuildOptions;
  plan: BuildPlan;
  db: Db;
  now: () => Date;
  /** Runs a statement that does the work (traced for the benchmark), as opposed to the bookkeeping. */
  work: (sql: string) => Promise<void>;
}

/** Logs, at debug level, the seconds since the previous call: where a build spends its time. */
export function phaseTimer(log: Log): (name: string) => void {
  let phaseStart = performance.now();
  return (name) => {
    const now = performance.now();
    log.debug({ phase: name, seconds: (now - phaseStart) / 1000 }, 'build phase');
    phaseStart = now;
  };
}

export async function relationExists(db: Db, catalog: string, schema: string, name: string): Promise<boolean> {
  const n = await db.value<number>(
    `select count(*) from (select database_name, schema_name, table_name as name from duckdb_tables()
       union all select database_name, schema_name, view_name from duckdb_views())
     where database_name = ? and schema_name = ? and name = ?`,
    [catalog, schema, name],
  );
  return n > 0;
}
