/** The shapes the runner works with: a loaded project of models, data tests and snapshot declarations. */
import type { Token } from './template.js';

export type Materialized = 'view' | 'table' | 'incremental';
export type Severity = 'warn' | 'error';

export interface ModelConfig {
  materialized: Materialized;
  /** incremental by key: rows whose key reappears replace the old ones. */
  unique_key?: string[];
  /** incremental by key: the rows to merge are those whose watermark exceeds the previous build's maximum. */
  watermark?: string;
  /** incremental by date range: rebuild rows from (previous maximum − lookback_days) onwards. */
  date_column?: string;
  lookback_days?: number;
  /**
   * incremental by key: the column of the model's sources that grows with each delivery (`_file_id`).
   * Built incrementally, the model reads only the source rows above its watermark's maximum, so a
   * "latest version per key" model merges the new versions without reading every row again.
   */
  source_watermark?: string;
  /**
   * incremental by key: the one model this model takes its rows from, at most one row per row of it,
   * with the same key (e.g. an assessment of each staged penalty). Built incrementally, the model reads only that
   * model's rows above its watermark's maximum — as long as nothing else it reads has changed;
   * otherwise it is built whole.
   */
  stream?: string;
  /**
   * A structure of the DuckDB serving file rather than of the data (the search's sorted, zone-mapped
   * indexes): a table read by the pages only, never by another model. The DuckDB engine builds it as any
   * table; the PostgreSQL engine builds it in the serving file, from the tables copied there, with its
   * DuckDB SQL (docs/scale-out.md).
   */
  serving_index?: boolean;
}

export interface ColumnDoc {
  name: string;
  description: string;
  /** DuckDB's type as `describe` prints it (e.g. `VARCHAR[]`), when the model has a column contract. */
  data_type?: string;
}

export interface Model {
  name: string;
  /** Path relative to the models folder. */
  path: string;
  layer: string;
  sql: string;
  tokens: Token[];
  refs: string[];
  sources: Array<{ schema: string; table: string }>;
  config: ModelConfig;
  description: string;
  columns: ColumnDoc[];
}

export type TestKind =
  'unique' | 'not_null' | 'accepted_values' | 'relationships' | 'expression' | 'singular' | 'contract';

export interface DataTest {
  name: string;
  kind: TestKind;
  severity: Severity;
  /** The model the test is attached to (for singular tests: every model it refs). */
  models: string[];
  column?: string;
  /** The SQL returning failing rows, still holding `{{ }}` tokens. */
  sql: string;
  tokens: Token[];
  path: string;
}

/**
 * A list source delivered as periodic full snapshots (sources.md): the runner derives, per business key,
 * the date on which a later full snapshot of the same authority dropped the entry.
 */
export interface SnapshotDecl {
  /** Exposed to models as `{{ source('snapshots', name) }}`. */
  name: string;
  schema: string;
  table: string;
  /** Column of the raw table naming the authority whose list a snapshot covers (normalised). */
  scope: string;
  key: string;
  /**
   * The load log: one row per file with its id, file name and ingestion date, and optionally the
   * columns where the ingest already decided "full snapshot" and the extract date (else both are
   * read from the file name).
   */
  files: {
    schema: string;
    table: string;
    id: string;
    name: string;
    loaded_date: string;
    is_full: string | null;
    extract_date: string | null;
  };
  path: string;
}

/** A declared source table (models/_sources.yml), keyed `schema.table` in the project. */
export interface SourceDecl {
  schema: string;
  table: string;
  columns: Array<{ name: string; data_type: string }>;
  path: string;
}

/** A unit test (YAML `unit_tests:`): an input is `ref:<model>` or `source:<schema>.<table>`. */
export interface UnitTestDecl {
  name: string;
  model: string;
  description: string;
  asOf?: string;
  config: Record<string, unknown>;
  given: Array<{ input: string; rows: Array<Record<string, unknown>> }>;
  expect: Array<Record<string, unknown>>;
  path: string;
}

export interface Project {
  dir: string;
  models: Map<string, Model>;
  /** Empty when the project declares no source: then any source() is accepted (small test projects). */
  sources: Map<string, SourceDecl>;
  unitTests: UnitTestDecl[];
  tests: DataTest[];
  snapshots: Map<string, SnapshotDecl>;
}
