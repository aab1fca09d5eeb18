/**
 * A source contract declares what a department delivers (sources.md): headers with their aliases,
 * types, required fields and the business key. One loader serves every contract; a new source is a
 * new contract, not new code.
 */

export type FieldType =
  | 'text' // kept as delivered (blank → NULL)
  | 'docno' // a document number: as delivered; compared after norm with the bracket rule
  | 'uscc' // normalised; validity checked (GB 32100)
  | 'id_number' // normalised (15 → 18); validity kept, never a finding
  | 'date' // every date format of sources.md
  | 'period' // a 账期 YYYY-MM, dated by its first day
  | 'year' // a 评价年度
  | 'amount' // money, converted to yuan by the header's unit or the field's default unit
  | 'int'
  | 'enum'; // accepted values (after norm) mapped to their canonical value

export type Unit = 'wan' | 'yuan';

export interface FieldSpec {
  /** Column name in raw.<source>. */
  name: string;
  /** The Chinese header as sources.md writes it (without a unit suffix); used in reason codes. */
  header: string;
  /** Other accepted headers: Chinese variants and the national CF_/XK_ codes of both generations. */
  aliases?: readonly string[];
  type: FieldType;
  /** ★ blocking (quarantine when missing or, for dates, unreadable) or ☆ recommended (a finding). */
  required?: 'blocking' | 'recommended';
  /**
   * For a conditional ☆: a SQL boolean over the parsed row (columns named as fields) saying when the
   * field is required. Absent: always required.
   */
  requiredWhen?: string;
  /** Default unit of an amount when the header carries none. */
  unit?: Unit;
  /** Several delivered columns map here and are joined with ';' (CF_CFLB1 + CF_CFLB2), not coalesced. */
  combine?: boolean;
  /** Enum: accepted input (after norm) → canonical value. */
  values?: Readonly<Record<string, string>>;
  /** Enum: `其他-…` free text is valid and means 其他. */
  otherPrefix?: boolean;
  /** The value is checked against the unit-error threshold (sources.md: penalty amounts). */
  unitErrorCheck?: boolean;
  /**
   * Whether an invalid USCC in this field is a finding; a SQL boolean over the parsed row
   * (default: always). The subject's USCC only matters for organisations and individual businesses.
   */
  validWhen?: string;
}

/**
 * A derived column computed after parsing, from the parsed fields (SQL over the parsed row; a USCC field
 * `x` also offers `x__valid`, a boolean, and `x__t`, its trimmed text).
 */
export interface DerivedColumn {
  name: string;
  type: string;
  sql: string;
}

/** A rule that quarantines a row: a SQL boolean over the derived row and its reason code. */
export interface QuarantineRule {
  when: string;
  reason: string;
  /** Position among the field checks: the rule is evaluated just after this field's own check. */
  after: string;
}

export interface FindingRule {
  when: string;
  code: string;
}

export interface SourceContract {
  source: string;
  title: string;
  fields: readonly FieldSpec[];
  /** SQL expressions over the derived row, normalised, joined by '|' to form the business key. */
  key: readonly string[];
  derived?: readonly DerivedColumn[];
  quarantine?: readonly QuarantineRule[];
  findings?: readonly FindingRule[];
  /** A list source whose `全量`/`_full` files are full snapshots of their authorities' lists. */
  snapshotAuthorityField?: string;
}
