/**
 * SQL for one contract field, shared by the load (pipelines/ingest/sql.ts: the reason and key of each
 * row) and the typed view (pipelines/ingest/typed.ts: every parsed value and finding). Both read a row
 * whose field texts are columns named `<field>__t` (trimmed, blank → NULL).
 */
import type { FieldSpec, SourceContract } from './contracts/types.js';
import { ident, literal } from '../../lib/db.js';

/** Characters trimmed from both ends of a cell: ASCII whitespace, NBSP, ideographic space, BOM. */
const TRIM_SET = ' \t\n\r\v\f\u00A0\u3000\uFEFF';
const TRIM_CHARS = literal(TRIM_SET);
// trim() with a character set is a plain scan; a regexp here cost seconds per million rows.
export const TRIM = (col: string): string => `nullif(trim(${col}, ${TRIM_CHARS}), '')`;

const TRIM_CODE_POINTS = [...TRIM_SET].map((c) => c.codePointAt(0)).join(', ');
/**
 * TRIM of every cell of a list, the same values. trim() with a character set decodes the set again
 * for every cell (about 2 µs a call, most of the typing time); almost no cell starts or ends with one
 * of those characters, and one that does not is its own trim, so only those cells are trimmed.
 */
export const trimEach = (list: string): string =>
  `list_transform(${list}, lambda c: case
      when unicode(c) in (${TRIM_CODE_POINTS}) or unicode(right(c, 1)) in (${TRIM_CODE_POINTS}) then ${TRIM('c')}
      else nullif(c, '') end)`;

const TRIM_CLASS = `[${[...TRIM_SET].map((c) => `\\x{${c.codePointAt(0)!.toString(16)}}`).join('')}]`;
/**
 * Whether a JSON array of cells may hold a cell TRIM changes. Without a backslash the text has no
 * escapes, so every `"` bounds a string and its characters stand as they are: a cell that starts or
 * ends with a trim character shows `"` beside it, an empty one shows `""`. False when none of these
 * is there (most rows), and then the cells are their own TRIM; true may be a false alarm, never wrong.
 */
export const mayNeedTrim = (json: string): string =>
  `regexp_matches(${json}, ${literal(`\\\\|""|"${TRIM_CLASS}|${TRIM_CLASS}"`)})`;

export const textColumn = (f: FieldSpec): string => ident(`${f.name}__t`);

/** Field types whose parsed value depends only on the text, worth parsing once per distinct text. */
export const DICTIONARY_TYPES = new Set<FieldSpec['type']>([
  'date',
  'period',
  'year',
  'uscc',
  'id_number',
  'enum',
  'amount',
]);

export const isDateLike = (f: FieldSpec): boolean => f.type === 'date' || f.type === 'period' || f.type === 'year';

function enumExpr(f: FieldSpec, t: string): string {
  const cases = Object.entries(f.values ?? {}).map(([k, v]) => `when ${literal(k)} then ${literal(v)}`);
  const mapped = `case cs_norm(${t}) ${cases.join(' ')} end`;
  if (!f.otherPrefix) return mapped;
  return `case when starts_with(cs_norm(${t}), '其他-') then '其他' else ${mapped} end`;
}

/**
 * The parsed value of a field from its text `t`. Amounts are parsed as delivered; the caller multiplies
 * by the unit factor, which depends on the file's header, not on the text.
 */
export function parsedExpr(f: FieldSpec, t: string): string {
  switch (f.type) {
    case 'text':
    case 'docno':
      return t;
    case 'uscc':
      return `cs_norm_code(${t})`;
    case 'id_number':
      return `cs_id_norm(${t})`;
    case 'date':
      return `cs_parse_date(${t})`;
    case 'period':
      return `cs_parse_period(${t})`;
    case 'year':
      return `cs_parse_year(${t})`;
    case 'amount':
      return `cs_parse_number(${t})`;
    case 'int':
      return `try_cast(cs_parse_number(${t}) as integer)`;
    case 'enum':
      return enumExpr(f, t);
  }
}

/**
 * Columns computed from a parsed value, kept beside it: checks and derived columns read them instead
 * of evaluating the check-character macros again.
 */
const EXTRAS: Partial<Record<FieldSpec['type'], readonly (readonly [string, (parsed: string) => string])[]>> = {
  uscc: [
    ['valid', (p) => `coalesce(cs_uscc_valid(${p}), false)`],
    ['org_ok', (p) => `cs_uscc_org_check_ok(${p})`],
  ],
};

export const extrasOf = (f: FieldSpec): readonly (readonly [string, (parsed: string) => string])[] =>
  EXTRAS[f.type] ?? [];

export function sqlType(f: FieldSpec): string {
  switch (f.type) {
    case 'date':
    case 'period':
      return 'DATE';
    case 'year':
    case 'int':
      return 'INTEGER';
    case 'amount':
      return 'DOUBLE';
    default:
      return 'VARCHAR';
  }
}

/** The checks of one field that quarantine a row (★ fields), in order. */
function blockingChecks(f: FieldSpec): string[] {
  if (f.required !== 'blocking') return [];
  const t = textColumn(f);
  const checks = [`case when ${t} is null then ${literal(`missing_required:${f.header}`)} end`];
  if (isDateLike(f))
    checks.push(`case when ${ident(f.name)} is null then ${literal(`unreadable_date:${f.header}`)} end`);
  return checks;
}

/** Every reason check of a contract, in the order the first failing one is reported. */
export function reasonChecks(contract: SourceContract): string[] {
  const reasons: string[] = [];
  for (const f of contract.fields) {
    reasons.push(...blockingChecks(f));
    for (const q of contract.quarantine ?? []) {
      if (q.after === f.name) reasons.push(`case when ${q.when} then ${literal(q.reason)} end`);
    }
  }
  return reasons;
}

export const keyExpr = (contract: SourceContract): string =>
  `concat_ws('|', ${contract.key.map((k) => `coalesce(${k}, '')`).join(', ')})`;

/** Findings of one field: loaded with the row, they make it non-compliant (sources.md). */
function fieldFindings(f: FieldSpec, unitErrorThresholdYuan: number): string[] {
  const t = textColumn(f);
  const v = ident(f.name);
  const out: string[] = [];
  if (f.required === 'recommended') {
    const cond = f.requiredWhen ? ` and coalesce(${f.requiredWhen}, false)` : '';
    out.push(`case when ${t} is null${cond} then ${literal(`missing_recommended:${f.header}`)} end`);
  }
  if (isDateLike(f) && f.required !== 'blocking') {
    out.push(`case when ${t} is not null and ${v} is null then ${literal(`unreadable_date:${f.header}`)} end`);
  }
  if (f.type === 'uscc') {
    const cond = f.validWhen ? ` and coalesce(${f.validWhen}, false)` : '';
    const valid = ident(`${f.name}__valid`);
    out.push(`case when ${t} is not null and not ${valid}${cond} then ${literal(`invalid_uscc:${f.header}`)} end`);
    out.push(
      `case when ${valid} and not ${ident(`${f.name}__org_ok`)} then ${literal(`uscc_org_code_check:${f.header}`)} end`,
    );
  }
  if (f.type === 'amount' || f.type === 'int') {
    out.push(`case when ${t} is not null and ${v} is null then ${literal(`invalid_number:${f.header}`)} end`);
    // A negative fine, bill or month count is a wrong value the department should correct, not a credit.
    out.push(`case when ${v} < 0 then ${literal(`negative_amount:${f.header}`)} end`);
  }
  if (f.type === 'text' || f.type === 'docno') {
    // A NUL is what a broken export leaves in a name; DuckDB keeps it, and it would match no other name.
    out.push(`case when contains(${t}, chr(0)) then ${literal(`nul_character:${f.header}`)} end`);
  }
  if (f.unitErrorCheck) {
    out.push(`case when ${v} > ${unitErrorThresholdYuan} then ${literal(`probable_unit_error:${f.header}`)} end`);
  }
  if (f.type === 'enum') {
    out.push(`case when ${t} is not null and ${v} is null then ${literal(`invalid_enum:${f.header}`)} end`);
  }
  return out;
}

export function findingChecks(contract: SourceContract, unitErrorThresholdYuan: number): string[] {
  return [
    ...contract.fields.flatMap((f) => fieldFindings(f, unitErrorThresholdYuan)),
    ...(contract.findings ?? []).map((r) => `case when coalesce(${r.when}, false) then ${literal(r.code)} end`),
  ];
}

/** Whether a SQL text names a column (an identifier, not part of a longer one). */
export const mentions = (sql: string, column: string): boolean =>
  new RegExp(`(^|[^A-Za-z0-9_])${column}($|[^A-Za-z0-9_])`).test(sql);
