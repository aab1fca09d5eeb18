/**
 * The whole templating language of a model file: `{{ ref('m') }}`, `{{ source('schema', 'table') }}`,
 * `{{ var('as_of') }}` and `{{ config('dotted.path') }}`. Nothing else is evaluated, so an analyst's SQL
 * file can never run code; every value is rendered as a SQL literal (a list of records as JSON text).
 */
import { literal } from '../../lib/db.js';
import { ENGINE_MACROS, renderMacro, type EngineName } from './engines/dialect.js';

/** `macro`: one of the per-engine macros of engines/dialect.ts; its args are [name, ...arguments]. */
export type TokenKind = 'ref' | 'source' | 'var' | 'config' | 'macro';

export interface Token {
  kind: TokenKind;
  args: string[];
  /** The exact text `{{ … }}` in the file, replaced on render. */
  text: string;
  line: number;
}

const ARITY: Record<Exclude<TokenKind, 'macro'>, number> = { ref: 1, source: 2, var: 1, config: 1 };
const TOKEN = /\{\{([\s\S]*?)\}\}/g;
const CALL = /^([a-z_]+)\s*\(([\s\S]*)\)$/;
const ARG = /^\s*(?:'([^']*)'|"([^"]*)")\s*(?:,|$)/;

export class TemplateError extends Error {}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

function parseArgs(inner: string): string[] | null {
  const args: string[] = [];
  let rest = inner.trim();
  while (rest.length > 0) {
    const m = ARG.exec(rest);
    if (!m) return null;
    args.push(m[1] ?? m[2] ?? '');
    rest = rest.slice(m[0].length).trim();
  }
  return args;
}

/** Finds every token; anything between `{{ }}` or `{% %}` that is not one of the four calls is refused. */
export function parseTokens(sql: string, where: string): Token[] {
  const block = /\{%/.exec(sql);
  if (block) {
    throw new TemplateError(
      `${where}:${lineOf(sql, block.index)}: '{%' blocks are not supported; models are plain SQL`,
    );
  }
  const tokens: Token[] = [];
  for (const m of sql.matchAll(TOKEN)) {
    const line = lineOf(sql, m.index);
    const call = CALL.exec((m[1] ?? '').trim());
    const name = call?.[1];
    const args = call ? parseArgs(call[2] ?? '') : null;
    if (name && args && Object.hasOwn(ENGINE_MACROS, name)) {
      const arity = ENGINE_MACROS[name]!.arity;
      if (args.length !== arity)
        throw new TemplateError(`${where}:${line}: ${name}() takes ${arity} quoted argument(s), got ${m[0]}`);
      tokens.push({ kind: 'macro', args: [name, ...args], text: m[0], line });
      continue;
    }
    const kind = name as Exclude<TokenKind, 'macro'> | undefined;
    if (!kind || !Object.hasOwn(ARITY, kind) || !args) {
      throw new TemplateError(
        `${where}:${line}: cannot read ${m[0]}; expected ref('model'), source('schema', 'table'), var('name') or config('path')`,
      );
    }
    if (args.length !== ARITY[kind]) {
      throw new TemplateError(`${where}:${line}: ${kind}() takes ${ARITY[kind]} quoted argument(s), got ${m[0]}`);
    }
    tokens.push({ kind, args, text: m[0], line });
  }
  return tokens;
}

/** A typed value that becomes a SQL literal. Dates are tagged so they render as DATE literals. */
export type SqlValue = string | number | boolean | null | { date: string } | readonly SqlValue[];

export function sqlLiteral(value: SqlValue, engine: EngineName = 'duckdb'): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return literal(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TemplateError(`cannot render ${value} as SQL`);
    return String(value);
  }
  if (Array.isArray(value)) {
    const items = value.map((v: SqlValue) => sqlLiteral(v, engine)).join(', ');
    // PostgreSQL spells a list array[…], and an empty one as an untyped literal its context types.
    if (engine === 'postgres') return value.length ? `array[${items}]` : `'{}'`;
    return `[${items}]`;
  }
  return `DATE ${literal((value as { date: string }).date)}`;
}

export interface RenderContext {
  ref: (model: string) => string;
  source: (schema: string, table: string) => string;
  var: (name: string) => SqlValue;
  config: (path: string) => SqlValue;
  /** The engine whose macro implementations render; DuckDB when not given. */
  engine?: EngineName;
}

export function render(sql: string, tokens: readonly Token[], ctx: RenderContext): string {
  let out = sql;
  for (const t of tokens) {
    const [a = '', b = ''] = t.args;
    const text =
      t.kind === 'macro'
        ? renderMacro(ctx.engine ?? 'duckdb', a, t.args.slice(1))
        : t.kind === 'ref'
          ? ctx.ref(a)
          : t.kind === 'source'
            ? ctx.source(a, b)
            : sqlLiteral(t.kind === 'var' ? ctx.var(a) : ctx.config(a), ctx.engine);
    out = out.replace(t.text, () => text);
  }
  return out;
}

/** Looks a dotted path up in the frozen configuration; only scalars and lists of scalars reach SQL. */
export function configValue(config: unknown, path: string): SqlValue {
  let node: unknown = config;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !(part in node)) {
      throw new TemplateError(`config('${path}') names no configuration value`);
    }
    node = (node as Record<string, unknown>)[part];
  }
  const ok = (v: unknown): boolean =>
    v === null || ['string', 'number', 'boolean'].includes(typeof v) || (Array.isArray(v) && v.every(ok));
  // A list of records (publication.versions, indicators) reaches SQL as one JSON text, so a model can
  // turn it into a table without a literal of its own.
  if (Array.isArray(node) && !ok(node)) return JSON.stringify(node);
  if (!ok(node)) throw new TemplateError(`config('${path}') is not a scalar or a list of scalars`);
  return node as SqlValue;
}
