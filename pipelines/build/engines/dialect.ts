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

/** DuckDB sorts NULLs last both ways; PostgreSQL puts them first when descending: say it explicitly. */
const nullsLast = (order: string) =>
  order
    .split(',')
    .map((term) => (/\bnulls\s+(first|last)\b/i.test(term) ? term.trim() : `${term.trim()} nulls last`))
    .join(', ');

/**
 * `latest_per_key(rows, partition_by, order_by)`: one row per key of `rows` (a relation, optionally with
 * its `where`), the first by `order_by`, as a parenthesised relation with the same columns. DuckDB
 * filters with QUALIFY; PostgreSQL has no QUALIFY, and DISTINCT ON is its idiom for the same thing.
 */
const latestPerKey: EngineMacro = {
  arity: 3,
  impl: {
    duckdb: ([rows, by, order]) =>
      `(select * from ${rows} qualify row_number() over (partition by ${by} order by ${order}) = 1)`,
    postgres: ([rows, by, order]) =>
      `(select distinct on (${by}) * from ${rows} order by ${by}, ${nullsLast(order ?? '')})`,
  },
};

/**
 * `union_all_by_name()`: DuckDB matches the columns of the two sides by name; PostgreSQL by position,
 * so a model using it lists the columns of both sides in the same order.
 */
const unionAllByName: EngineMacro = {
  arity: 0,
  impl: { duckdb: () => 'union all by name', postgres: () => 'union all' },
};

export const ENGINE_MACROS: Record<string, EngineMacro> = {
  latest_per_key: latestPerKey,
  union_all_by_name: unionAllByName,
};

/** Renders one macro call for an engine; the template checked the name and arity when parsing. */
export function renderMacro(engine: EngineName, name: string, args: readonly string[]): string {
  return ENGINE_MACROS[name]!.impl[engine](args);
}
