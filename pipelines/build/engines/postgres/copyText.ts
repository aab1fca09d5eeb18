/**
 * PostgreSQL's COPY text format, written by DuckDB: each staged row becomes one line (columns joined by a
 * tab, NULL as `\N`), so rows cross to the coordinator as COPY data without becoming JavaScript objects.
 * In a text value a backslash, tab, newline and carriage return are escaped (`\\`, `\t`, `\n`, `\r`), so
 * a value holding them arrives as it was. Numbers and dates use DuckDB's text, which PostgreSQL reads
 * back exactly (doubles shortest-exact, `nan`/`inf` included; decimals with their scale).
 *
 * NUL (U+0000) is the one character PostgreSQL cannot hold in text (nor in COPY, nor in JSON cast to
 * text): a NUL in a text value is sent as U+FFFD (the Unicode replacement character). The ingest keeps a
 * NUL and flags its file (`nul_character`, pipelines/ingest/fieldSql.ts); the sync counts the rows it
 * changed (cs_meta.source_loads.nul_replaced, and the build's log) so the one difference between the
 * engines is on record.
 */
import { ident, literal } from '../../../../lib/db.js';

/** A DuckDB column as `describe` prints it. */
export interface DuckColumn {
  name: string;
  type: string;
}

export const REPLACEMENT = '\uFFFD';

const isText = (type: string) => type === 'VARCHAR' || type === 'JSON';

/** Backslash first, so the escapes added after it are not escaped again. */
const escapeText = (expr: string) =>
  `replace(replace(replace(replace(replace(${expr}, '\\', '\\\\'), chr(9), '\\t'), chr(10), '\\n'), chr(13), '\\r'), chr(0), ${literal(REPLACEMENT)})`;

/** One list element as a PostgreSQL array literal element: text double-quoted, NULL bare. */
const arrayElement = (type: string, x: string) =>
  isText(type)
    ? `coalesce('"' || replace(replace(${x}, '\\', '\\\\'), '"', '\\"') || '"', 'NULL')`
    : `coalesce(${x}::varchar, 'NULL')`;

/** The text (before COPY's own escaping) of one value of `type`. */
function valueText(type: string, expr: string): string {
  if (isText(type)) return expr;
  if (type.endsWith('[]')) {
    const element = type.slice(0, -2);
    if (element.endsWith('[]')) throw new Error(`cannot send a list of lists (${type}) to PostgreSQL`);
    return `'{' || array_to_string(list_transform(${expr}, x -> ${arrayElement(element, 'x')}), ',') || '}'`;
  }
  if (type === 'BLOB') throw new Error('cannot send a BLOB column to PostgreSQL');
  return `${expr}::varchar`;
}

/** A DuckDB expression of one row's COPY text line (newline-terminated). */
export function copyLineSql(columns: readonly DuckColumn[]): string {
  const fields = columns.map((c) => {
    const text = valueText(c.type, ident(c.name));
    // Escaping every field that may carry a special character: text, and lists (whose elements may).
    const escaped = isText(c.type) || c.type.endsWith('[]') ? escapeText(text) : text;
    return `coalesce(${escaped}, '\\N')`;
  });
  return `${fields.join(` || chr(9) || `)} || chr(10)`;
}

/** A DuckDB condition: the row holds a NUL in some text value (those the line replaces). */
export function holdsNulSql(columns: readonly DuckColumn[]): string | null {
  const checks = columns
    .filter((c) => isText(c.type) || c.type.endsWith('[]'))
    .map((c) => `contains(${isText(c.type) ? ident(c.name) : `${ident(c.name)}::varchar`}, chr(0))`);
  return checks.length ? checks.join(' or ') : null;
}
