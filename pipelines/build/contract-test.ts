/**
 * A model's column contract: when its YAML gives every column a `data_type`, the built relation must have
 * exactly those columns, in that order, with those DuckDB types. Typed queries (kysely) and exports are
 * written against the YAML, so a model that drifts from it fails the build's tests instead of a page.
 */
import { InputError } from '../../lib/errors.js';
import { literal } from '../../lib/db.js';
import { parseTokens } from './template.js';
import type { ColumnDoc, DataTest } from './types.js';

/** The contract test of a model, or null when its YAML declares no data_type at all. */
export function contractTest(model: string, columns: readonly ColumnDoc[], path: string): DataTest | null {
  const typed = columns.filter((c) => c.data_type !== undefined);
  if (typed.length === 0) return null;
  if (typed.length < columns.length) {
    const untyped = columns.filter((c) => c.data_type === undefined).map((c) => c.name);
    throw new InputError(`${path}: model ${model} declares data_type on some columns only; add it to ${untyped}`);
  }
  const expected = columns
    .map((c, i) => `(${i + 1}, ${literal(c.name)}, ${literal(c.data_type ?? '')})`)
    .join(',\n    ');
  // duckdb_columns() covers tables and views; its column_index counts from 1. A missing relation fails
  // on every expected column.
  const sql = `with expected(position, column_name, data_type) as (
  values
    ${expected}
),
actual as (
  select column_index as position, column_name, data_type
  from duckdb_columns()
  where database_name = current_database() and schema_name = 'main' and table_name = ${literal(model)}
)
select
  coalesce(e.column_name, a.column_name) as column_name,
  e.position as expected_position,
  a.position as actual_position,
  e.data_type as expected_type,
  a.data_type as actual_type
from expected as e
full join actual as a on a.column_name = e.column_name
where e.position is distinct from a.position or e.data_type is distinct from a.data_type`;
  return {
    kind: 'contract',
    name: `contract(${model})`,
    severity: 'error',
    models: [model],
    sql,
    tokens: parseTokens(sql, path),
    path,
  };
}
