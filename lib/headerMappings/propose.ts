/**
 * Which field an unknown header probably means, by its values first and its name second (issue 17):
 * 18-character codes that pass GB 32100 are USCCs, 〔year〕…号 texts are 文书号, date-like columns are
 * dates; otherwise the field whose headers share the most of its name. The ingest refuses a file when
 * the proposal is a key field the file does not deliver; the 表头映射 page offers it for one-click
 * confirmation.
 */
import { isValidUscc, normaliseCode } from '../validate/uscc.js';
import type { CatalogueField, FieldKind, SourceCatalogue } from './catalogue.js';
import { headerKey } from './headerKey.js';

export interface Proposal {
  field: string;
  basis: 'values' | 'name';
  /** The Chinese reason shown with it: what the values are, or which header the name resembles. */
  why: string;
}

const DOCNO = /[〔[【(]\s*(19|20)\d{2}\s*[〕\]】)].*号/;
const DATES = [
  /^(19|20)\d{2}[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\d|3[01])([ T].*)?$/,
  /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/,
  /^(19|20)\d{2}年(0?[1-9]|1[0-2])月(0?[1-9]|[12]\d|3[01])日/,
];

const share = (values: readonly string[], test: (v: string) => boolean) =>
  values.length === 0 ? 0 : values.filter(test).length / values.length;

/** What the sample values are, when most of them are one of the kinds that identify a record. */
export function kindOfValues(samples: readonly string[]): Exclude<FieldKind, 'other'> | null {
  const values = samples.map((s) => s.normalize('NFKC').trim()).filter((s) => s !== '');
  if (values.length === 0) return null;
  if (share(values, (v) => isValidUscc(normaliseCode(v))) >= 0.6) return 'uscc';
  if (share(values, (v) => DOCNO.test(v)) >= 0.6) return 'docno';
  if (share(values, (v) => DATES.some((re) => re.test(v))) >= 0.8) return 'date';
  return null;
}

/** Code words of departmental schemas, read as the Chinese they abbreviate before names are compared. */
const CODE_WORDS: Readonly<Record<string, string>> = {
  XZCF: '行政处罚',
  BXZCF: '被处罚',
  XZXK: '行政许可',
  XK: '许可',
  CF: '处罚',
  ORG: '机关',
  ORGNAME: '机关名称',
  NAME: '名称',
  MC: '名称',
  DATE: '日期',
  RQ: '日期',
  WS: '文书',
  WSH: '文书号',
  CODE: '代码',
  DM: '代码',
  USCC: '统一社会信用代码',
  SHXYM: '统一社会信用代码',
  TYSHXYDM: '统一社会信用代码',
  CARDNUMBER: '证件号码',
  ZJHM: '证件号码',
};

function readable(header: string): string {
  const key = headerKey(header);
  if (!/[A-Z]/.test(key)) return key;
  return key
    .split(/[_\-\s.]+/)
    .map((w) => CODE_WORDS[w] ?? w)
    .join('');
}

const bigrams = (s: string) => new Set(Array.from({ length: Math.max(s.length - 1, 0) }, (_, i) => s.slice(i, i + 2)));

/** 0–1: how much a header's name resembles one the field already has (shared pairs of characters). */
export function nameScore(header: string, known: string): number {
  const a = readable(header);
  const b = headerKey(known);
  if (a === b) return 1;
  const shorter = a.length < b.length ? a : b;
  const longer = a.length < b.length ? b : a;
  const contained = shorter.length >= 3 && longer.includes(shorter) ? 0.8 : 0;
  const x = bigrams(a);
  const y = bigrams(b);
  const common = [...x].filter((g) => y.has(g)).length;
  const dice = x.size + y.size === 0 ? 0 : (2 * common) / (x.size + y.size);
  return Math.max(dice, contained);
}

const bestByName = (header: string, fields: readonly CatalogueField[]) =>
  fields
    .map((f) => {
      const scored = f.known.map((k) => ({ k, s: nameScore(header, k) })).sort((p, q) => q.s - p.s)[0];
      return { f, score: scored?.s ?? 0, like: scored?.k ?? f.header };
    })
    .sort((p, q) => q.score - p.score || Number(q.f.key) - Number(p.f.key))[0];

const VALUE_WORDS: Record<Exclude<FieldKind, 'other'>, string> = {
  uscc: '其中的值是通过 GB 32100 校验的 18 位统一社会信用代码',
  docno: '其中的值形如文书号（〔年份〕…号）',
  date: '其中的值是日期',
};

/** The name score a proposal by name alone needs. */
export const NAME_THRESHOLD = 0.5;

/**
 * The field an unknown header probably means, among the fields the file does not already deliver
 * (`delivered`: field names), or null when nothing fits well enough.
 */
export function proposeField(
  source: SourceCatalogue,
  header: string,
  samples: readonly string[],
  delivered: ReadonlySet<string>,
): Proposal | null {
  const open = source.fields.filter((f) => !delivered.has(f.name));
  const kind = kindOfValues(samples);
  const ofKind = kind ? open.filter((f) => f.kind === kind) : [];
  if (kind && ofKind.length > 0) {
    const best = bestByName(header, ofKind)!;
    // Without a hint from the name, the kind's key field (the subject's USCC, a ★ date) is the likely one.
    const field = best.score > 0.3 ? best.f : (ofKind.find((f) => f.key) ?? best.f);
    return { field: field.name, basis: 'values', why: VALUE_WORDS[kind] };
  }
  const best = bestByName(header, open);
  if (!best || best.score < NAME_THRESHOLD) return null;
  return { field: best.f.name, basis: 'name', why: `列名与「${best.like}」相近` };
}
