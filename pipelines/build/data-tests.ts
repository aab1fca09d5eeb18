/**
 * Turns the YAML test declarations into SQL that returns the failing rows, written with the same
 * `{{ ref() }}` tokens as a model so the DAG knows what each test reads.
 */
import { ident, literal } from '../../lib/db.js';
import { parseTokens } from './template.js';
import type { DataTest, Severity, TestKind } from './types.js';
import type { TestSpec } from './yaml-schema.js';

function valueLiteral(v: string | number | boolean): string {
  return typeof v === 'string' ? literal(v) : String(v);
}

function make(
  kind: TestKind,
  name: string,
  severity: Severity,
  models: string[],
  sql: string,
  path: string,
  column?: string,
): DataTest {
  return { kind, name, severity, models, sql, tokens: parseTokens(sql, path), path, ...(column ? { column } : {}) };
}

/** One declared test on a model, or on one of its columns when `column` is given. */
export function compileTest(spec: TestSpec, model: string, column: string | undefined, path: string): DataTest {
  const self = `{{ ref('${model}') }}`;
  const col = column ? ident(column) : undefined;
  const where = column ? `${model}.${column}` : model;
  const needColumn = (kind: string): string => {
    if (!col) throw new Error(`${path}: ${kind} test on model ${model} needs a column (or columns: [...])`);
    return col;
  };

  if (spec === 'unique' || spec === 'not_null')
    return compileTest({ [spec]: { severity: 'error' } } as TestSpec, model, column, path);
  if ('not_null' in spec) {
    const c = needColumn('not_null');
    return make(
      'not_null',
      `not_null(${where})`,
      spec.not_null.severity,
      [model],
      `select * from ${self} where ${c} is null`,
      path,
      column,
    );
  }
  if ('unique' in spec) {
    const cols = spec.unique.columns?.map(ident) ?? [needColumn('unique')];
    const label = spec.unique.columns ? `${model}.${spec.unique.columns.join('+')}` : where;
    const list = cols.join(', ');
    const sql = `select ${list}, count(*) as occurrences from ${self} where ${cols.map((c) => `${c} is not null`).join(' and ')} group by ${list} having count(*) > 1`;
    return make('unique', `unique(${label})`, spec.unique.severity, [model], sql, path, column);
  }
  if ('accepted_values' in spec) {
    const c = needColumn('accepted_values');
    const values = spec.accepted_values.values.map(valueLiteral).join(', ');
    const sql = `select * from ${self} where ${c} is not null and ${c} not in (${values})`;
    return make(
      'accepted_values',
      `accepted_values(${where})`,
      spec.accepted_values.severity,
      [model],
      sql,
      path,
      column,
    );
  }
  if ('relationships' in spec) {
    const c = needColumn('relationships');
    const to = /'([^']+)'/.exec(spec.relationships.to)?.[1] ?? '';
    const sql =
      `select child.* from ${self} as child where child.${c} is not null and not exists ` +
      `(select 1 from {{ ref('${to}') }} as parent where parent.${ident(spec.relationships.field)} = child.${c})`;
    return make(
      'relationships',
      `relationships(${where} -> ${to}.${spec.relationships.field})`,
      spec.relationships.severity,
      [model, to],
      sql,
      path,
      column,
    );
  }
  const expr = typeof spec.expression === 'string' ? spec.expression : spec.expression.sql;
  const severity = typeof spec.expression === 'string' ? 'error' : spec.expression.severity;
  // A stable name keeps the test's records (runs.tests) comparable across builds when its SQL is
  // rewritten, e.g. through a per-engine macro; otherwise the expression names itself.
  const name = (typeof spec.expression === 'string' ? undefined : spec.expression.name) ?? expr;
  const sql = `select * from ${self} where not (${expr})`;
  return make('expression', `expression(${where}: ${name})`, severity, [model], sql, path, column);
}

/** A singular test: a SQL file returning failing rows; `-- severity: warn` on any line makes it a warning. */
export function singularTest(name: string, sql: string, path: string): DataTest {
  const tokens = parseTokens(sql, path);
  const severity: Severity = /^\s*--\s*severity:\s*warn\b/m.test(sql) ? 'warn' : 'error';
  const models = [...new Set(tokens.filter((t) => t.kind === 'ref').map((t) => t.args[0] ?? ''))];
  return { kind: 'singular', name, severity, models, sql, tokens, path };
}
