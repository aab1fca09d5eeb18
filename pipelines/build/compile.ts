/** Renders every model and test to plain SQL before anything runs, so a bad var() or config() is refused early. */
import { ident } from '../../lib/db.js';
import { InputError } from '../../lib/errors.js';
import { configValue, render, TemplateError, type RenderContext, type SqlValue } from './template.js';
import type { DataTest, Project } from './types.js';
import type { EngineName } from './engines/dialect.js';

/** Where another engine keeps the models and sources, and whose macros render (DuckDB's by default). */
export interface EngineRelations {
  engine: EngineName;
  ref: (model: string) => string;
  source: (schema: string, table: string) => string;
}

export interface CompiledTest {
  test: DataTest;
  sql: string;
}

export interface Compiled {
  /** `incrementalSql`: for a model with a source watermark or a stream, the SQL reading only the new rows of those. */
  models: Map<string, { sql: string; incrementalSql?: string }>;
  tests: CompiledTest[];
}

export function renderContext(vars: { asOf: string; buildId: string; config: unknown }): RenderContext {
  const values: Record<string, SqlValue> = { as_of: { date: vars.asOf }, build_id: vars.buildId };
  return {
    ref: (m) => `main.${ident(m)}`,
    source: (schema, table) => `${ident(schema)}.${ident(table)}`,
    var: (name) => {
      if (!(name in values))
        throw new TemplateError(`var('${name}') is not a variable; known: ${Object.keys(values).join(', ')}`);
      return values[name] ?? null;
    },
    config: (path) => configValue(vars.config, path),
  };
}

/** The temporary table of a stream model's new stream rows, during its merge. */
export const streamBatch = (model: string): string => ident(`${model}__stream`);

export function compileAll(
  project: Project,
  vars: { asOf: string; buildId: string; config: unknown },
  engine?: EngineRelations,
): Compiled {
  const ctx: RenderContext = { ...renderContext(vars), ...engine };
  const at = <T>(where: string, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof TemplateError) throw new InputError(`${where}: ${e.message}`);
      throw e;
    }
  };
  const models = new Map<string, { sql: string; incrementalSql?: string }>();
  // A trailing semicolon would end the CREATE … AS statement the SQL is wrapped in.
  const clean = (sql: string) => sql.trim().replace(/;+$/, '');
  for (const m of project.models.values()) {
    const sql = clean(at(m.path, () => render(m.sql, m.tokens, ctx)));
    const { source_watermark: since, stream, watermark } = m.config;
    if (!watermark || (!since && !stream)) {
      models.set(m.name, { sql });
      continue;
    }
    // The sources' rows above what the model's table holds (source_watermark), or the stream's rows the
    // table lacks, gathered by the merge (pipelines/build/materialize.ts).
    // PostgreSQL 15 wants an alias on a subquery in FROM (models write `from {{ source() }}` bare).
    const alias = engine && engine.engine !== 'duckdb' ? ` as ${ident(`${m.name}__new_rows`)}` : '';
    const above = (relation: string, column: string) =>
      `(select * from ${relation} where ${ident(column)} > (select coalesce(max(${ident(watermark)}), -1) from ${ctx.ref(m.name)}))${alias}`;
    const newRows: RenderContext = since
      ? { ...ctx, source: (schema, table) => above(ctx.source(schema, table), since) }
      : { ...ctx, ref: (r) => (r === stream ? streamBatch(m.name) : ctx.ref(r)) };
    models.set(m.name, { sql, incrementalSql: clean(at(m.path, () => render(m.sql, m.tokens, newRows))) });
  }
  const tests = project.tests.map((t) => ({
    test: t,
    sql: at(t.path, () => render(t.sql, t.tokens, ctx))
      .trim()
      .replace(/;+$/, ''),
  }));
  return { models, tests };
}
