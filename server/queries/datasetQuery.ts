/**
 * One page of a dataset under equality filters, as SQL with bound parameters: the rows come out in the
 * export's order (every column left to right, nulls last), so a page of the API is a slice of the export.
 */
import { ident, type Db, type Param } from '../../lib/db.js';
import type { DatasetSpec } from '../../lib/datasets.js';
import { quarantineDepartmentCondition, quarantineSql } from '../../pipelines/export/quarantine.js';
import { HttpError } from '../../lib/errors.js';
import { scopeColumn } from '../../lib/auth/scope.js';

export interface DatasetQuery {
  /** Column → accepted values (a repeated parameter matches any of them). */
  filters: ReadonlyMap<string, readonly string[]>;
  limit: number | null;
  offset: number;
  /** Set for department users on their department-scoped datasets (lib/auth/scope.ts decides). */
  department: string | null;
}

export type ColumnTypes = ReadonlyMap<string, string>;

/** The relation a dataset is read from: its mart, or for quarantine the loads in the warehouse. */
export function datasetSource(spec: DatasetSpec): string {
  return spec.name === 'quarantine' ? `(${quarantineSql()})` : `main.${ident(spec.table)}`;
}

export async function columnTypes(db: Db, spec: DatasetSpec): Promise<ColumnTypes> {
  const rows = await db.all<{ name: string; type: string }>(
    `select column_name as name, column_type as type from (describe select * from ${datasetSource(spec)})`,
  );
  return new Map(rows.map((r) => [r.name, r.type]));
}

const isList = (type: string | undefined) => type !== undefined && type.endsWith('[]');
// credit-grades' factors: `?factors=penalty_general` matches a grade with that factor.
const isFactorList = (type: string | undefined) => type !== undefined && /^STRUCT\(factor /i.test(type);

function departmentCondition(spec: DatasetSpec): string {
  const column = scopeColumn(spec.name);
  return column === null ? quarantineDepartmentCondition() : `${ident(column)} = ?`;
}

export function buildDatasetSql(
  spec: DatasetSpec,
  types: ColumnTypes,
  q: DatasetQuery,
): { where: string; params: Param[] } {
  const conditions: string[] = [];
  const params: Param[] = [];
  for (const [column, values] of q.filters) {
    if (!spec.columns.includes(column))
      throw new HttpError(
        400,
        'bad_filter',
        `"${column}" is not a column of ${spec.name}; columns: ${spec.columns.join(', ')}`,
      );
    if (values.length === 0) continue;
    const col = ident(column);
    const one = isFactorList(types.get(column))
      ? `list_contains(list_transform(${col}, f -> f.factor), ?)`
      : isList(types.get(column))
        ? `list_contains(${col}, ?)`
        : `cast(${col} as varchar) = ?`;
    conditions.push(`(${values.map(() => one).join(' or ')})`);
    params.push(...values);
  }
  if (q.department !== null) {
    conditions.push(departmentCondition(spec));
    params.push(q.department);
  }
  return { where: conditions.length ? `where ${conditions.join(' and ')}` : '', params };
}

export async function queryDataset(
  db: Db,
  spec: DatasetSpec,
  q: DatasetQuery,
): Promise<{ total: number; rows: Array<Record<string, unknown>>; types: ColumnTypes }> {
  const types = await columnTypes(db, spec);
  const missing = spec.columns.filter((c) => !types.has(c));
  if (missing.length)
    throw new HttpError(503, 'dataset_incomplete', `the published ${spec.name} lacks columns ${missing.join(', ')}`);
  const { where, params } = buildDatasetSql(spec, types, q);
  const cols = spec.columns.map(ident);
  const from = `from ${datasetSource(spec)} ${where}`;
  const total = await db.value<number>(`select count(*)::bigint ${from}`, params);
  let tail = '';
  const pageParams: Param[] = [];
  if (q.limit !== null) {
    tail += ' limit ?';
    pageParams.push(q.limit);
  }
  if (q.offset > 0) {
    tail += ' offset ?';
    pageParams.push(q.offset);
  }
  const rows = await db.all<Record<string, unknown>>(
    `select ${cols.join(', ')} ${from} order by ${cols.map((c) => `${c} asc nulls last`).join(', ')}${tail}`,
    [...params, ...pageParams],
  );
  if (spec.name === 'quarantine') for (const r of rows) r.raw = JSON.parse(r.raw as string) as unknown;
  return { total, rows, types };
}
