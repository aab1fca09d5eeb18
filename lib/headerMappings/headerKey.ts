/**
 * How a delivered header is compared (sources.md): surrounding spaces, full-width vs half-width brackets
 * and letters (NFKC) and case are ignored, and a unit suffix in brackets is cut off — but its unit is read.
 * The ingest matches headers with it, and the mapping file's headers are compared the same way.
 */
export type HeaderUnit = 'wan' | 'yuan';

export interface HeaderKey {
  key: string;
  unit: HeaderUnit | null;
}

const UNIT_SUFFIX = /\((人民币)?(万元|元|万)(人民币)?\)$/;

/**
 * The 信用中国 双公示 templates name the identity fields 行政相对人代码_1(统一社会信用代码) …
 * 行政相对人代码_6(社会组织登记证号), with `_` or `-` (full-width signs and brackets are NFKC'd to these):
 * the field is the one named in the brackets, whatever its number (the ≈2016 template numbered them
 * differently).
 */
const NATIONAL_IDENTITY = /^行政相对人代码[_-]\d+\((.+)\)$/;

export function normaliseHeader(header: string): HeaderKey {
  const nfkc = header
    .normalize('NFKC')
    .replace(/[\s\uFEFF]+/g, '')
    .toUpperCase();
  const plain = NATIONAL_IDENTITY.exec(nfkc)?.[1] ?? nfkc;
  const m = UNIT_SUFFIX.exec(plain);
  if (!m) return { key: plain, unit: null };
  return { key: plain.slice(0, m.index), unit: m[2] === '元' ? 'yuan' : 'wan' };
}

export const headerKey = (header: string): string => normaliseHeader(header).key;
