/**
 * `sentinel types`: the row type of every mart, written once from the models' YAML (each column's
 * `data_type`, nullability from a `not_null` test) as TypeScript interfaces and a Kysely `Marts`
 * database interface (lib/kysely/martTypes.ts). The TypeScript types are what lib/db.ts turns DuckDB's
 * values into, so a typed row is the row a query really returns.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../../lib/errors.js';

export interface MartColumn {
  name: string;
  dataType: string;
  description: string;
  notNull: boolean;
}

export interface Mart {
  name: string;
  description: string;
  file: string;
  columns: MartColumn[];
}

const SCALARS: ReadonlyArray<[RegExp, string]> = [
  [/^(VARCHAR|TEXT|STRING|CHAR|BPCHAR|UUID|JSON)(\(\d+\))?$/, 'string'],
  // lib/db turns BIGINT, HUGEINT and DECIMAL into numbers (a BIGINT beyond 2^53 into its digits, never met).
  [/^(U?TINYINT|U?SMALLINT|U?INTEGER|INT|U?BIGINT|U?HUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/, 'number'],
  [/^BOOLEAN$/, 'boolean'],
  // Dates and times come out as DuckDB's text ('YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS'), blobs as base64.
  [/^(DATE|TIME|TIMESTAMP|TIMESTAMP WITH TIME ZONE|TIMESTAMPTZ|INTERVAL|BLOB)$/, 'string'],
];

/** Splits `a, b(c, d), e` at its top-level commas. */
function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === ',' && depth === 0) {
      parts.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  return [...parts, s.slice(start).trim()];
}

/** The TypeScript type of a DuckDB type as lib/db returns its values: `VARCHAR[]` → `string[]`. */
export function tsType(duckType: string): string {
  const t = duckType.trim().toUpperCase();
  const list = /^(.*)\[\d*\]$/s.exec(t);
  if (list) return `${wrap(tsType(duckType.trim().slice(0, list[1]!.length)))}[]`;
  const struct = /^STRUCT\((.*)\)$/is.exec(duckType.trim());
  if (struct) {
    const fields = splitTop(struct[1]!).map((f) => {
      const m = /^("(?:[^"]|"")+"|\w+)\s+(.+)$/s.exec(f);
      if (!m) throw new InputError(`cannot read the STRUCT field "${f}" of ${duckType}`);
      const name = m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!;
      return `${/^[A-Za-z_]\w*$/.test(name) ? name : JSON.stringify(name)}: ${tsType(m[2]!)} | null`;
    });
    return `{ ${fields.join('; ')} }`;
  }
  const map = /^MAP\((.*)\)$/is.exec(duckType.trim());
  if (map) return `Record<string, ${tsType(splitTop(map[1]!)[1] ?? 'VARCHAR')} | null>`;
  const scalar = SCALARS.find(([re]) => re.test(t));
  if (!scalar) throw new InputError(`no TypeScript type is known for the DuckDB type ${duckType}`);
  return scalar[1];
}

// A list of an object or a record needs no parentheses; a union would (none is written today).
const wrap = (t: string) => (/^[{R]/.test(t) || !t.includes('|') ? t : `(${t})`);

function* yamlFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* yamlFiles(path);
    else if (/\.ya?ml$/.test(e.name)) yield path;
  }
}

interface YamlColumn {
  name: string;
  data_type?: string;
  description?: string;
  tests?: unknown[];
}

const isNotNull = (t: unknown) => t === 'not_null' || (typeof t === 'object' && t !== null && 'not_null' in t);

/** Every mart described under `martsDir`, its columns in the YAML's order. */
export function readMarts(martsDir: string): Mart[] {
  const marts: Mart[] = [];
  for (const path of yamlFiles(martsDir)) {
    const file = relative(martsDir, path);
    const doc = (parseYaml(readFileSync(path, 'utf8')) ?? {}) as {
      models?: Array<{ name: string; description?: string; columns?: YamlColumn[] }>;
    };
    for (const m of doc.models ?? []) {
      const columns = (m.columns ?? []).map((c) => {
        if (!c.data_type) throw new InputError(`${file}: column ${m.name}.${c.name} has no data_type`);
        const notNull = (c.tests ?? []).some(isNotNull);
        return { name: c.name, dataType: c.data_type, description: c.description ?? '', notNull };
      });
      marts.push({ name: m.name, description: m.description ?? '', file, columns });
    }
  }
  return marts.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export const rowTypeName = (mart: string) =>
  `${mart.replace(/(^|_)([a-z0-9])/g, (_m, _u, c: string) => c.toUpperCase())}Row`;

/** The width the generated file keeps to (the repository's prettier print width and max-len). */
const WIDTH = 120;

/** A doc comment, on one line when it fits, else wrapped at spaces to `WIDTH` columns. */
function doc(text: string, indent: string): string[] {
  const t = text.trim().replace(/\s+/g, ' ').replaceAll('*/', '*\\/');
  if (!t) return [];
  const one = `${indent}/** ${t} */`;
  if (one.length <= WIDTH) return [one];
  const lines: string[] = [];
  let line = '';
  for (const word of t.split(' ')) {
    if (line && `${indent} * ${line} ${word}`.length > WIDTH) {
      lines.push(`${indent} * ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(`${indent} * ${line}`);
  return [`${indent}/**`, ...lines, `${indent} */`];
}

export function martTypeSource(marts: readonly Mart[]): string {
  const out = [
    '// Generated by `sentinel types` from the column contracts in models/marts/**/*.yml. Do not edit:',
    '// change the YAML and run `sentinel types` (test/kysely/martTypes.test.ts fails when this is stale).',
    '',
  ];
  for (const m of marts) {
    out.push(...doc(`${m.name} (models/marts/${m.file}): ${m.description}`, ''));
    out.push(`export interface ${rowTypeName(m.name)} {`);
    for (const c of m.columns) {
      out.push(...doc(c.description, '  '));
      const key = /^[A-Za-z_]\w*$/.test(c.name) ? c.name : JSON.stringify(c.name);
      out.push(`  ${key}: ${tsType(c.dataType)}${c.notNull ? '' : ' | null'};`);
    }
    out.push('}', '');
  }
  out.push('/** The marts of a published build, for Kysely (lib/kysely/queryDb.ts). */', 'export interface Marts {');
  for (const m of marts) out.push(`  ${m.name}: ${rowTypeName(m.name)};`);
  out.push('}', '');
  return out.join('\n');
}

/** Where the generated file lives, from the repository's root. */
export const MART_TYPES_FILE = 'lib/kysely/martTypes.ts';

/**
 * The generated file as committed: laid out by the repository's prettier configuration, so
 * `npm run lint` passes on it (prettier is a development tool, loaded only when types are generated).
 */
export async function formattedMartTypes(martsDir: string, target: string): Promise<string> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(target)) ?? {};
  return prettier.format(martTypeSource(readMarts(martsDir)), { ...options, filepath: target });
}
