/**
 * The engines a model can be built on, and the model-level macros whose SQL differs between them (the
 * dispatch of dbt's adapters): a model writes `{{ latest_per_key('rows', 'key', 'file_id desc') }}` and
 * each engine renders its own SQL. Functions that only differ in name or are missing on one engine
 * (the cs_ normalisers, arg_max, len, …) are not macros: each engine installs its own implementation
 * under the same name (lib/sql/macros.ts for DuckDB, engines/postgres/functions.ts for PostgreSQL).
 */
export const ENGINES = ['duckdb', 'postgres'] as const;
export type EngineName = (typeof ENGINES)[number];

type MacroImpl = (args: readonly string[]) => string;

interface EngineMacro {
  arity: number;
  impl: Record<EngineName, MacroImpl>;
}

/**
 * `latest_per_key(relation, partition_by, order_by)`: one row per key of `relation`, the first by
 * `order_by`, as a parenthesised relation with the same columns. DuckDB filters with QUALIFY;
 * PostgreSQL has no QUALIFY, and DISTINCT ON is its idiom for the same thing.
 */
const latestPerKey: EngineMacro = {
  arity: 3,
  impl: {
    duckdb: ([rel, by, order]) =>
      `(select * from ${rel} qualify row_number() over (partition by ${by} order by ${order}) = 1)`,
    postgres: ([rel, by, order]) => `(select distinct on (${by}) * from ${rel} order by ${by}, ${order})`,
  },
};

export const ENGINE_MACROS: Record<string, EngineMacro> = { latest_per_key: latestPerKey };

/** Renders one macro call for an engine; the template checked the name and arity when parsing. */
export function renderMacro(engine: EngineName, name: string, args: readonly string[]): string {
  return ENGINE_MACROS[name]!.impl[engine](args);
}
