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

export function normaliseHeader(header: string): HeaderKey {
  const plain = header
    .normalize('NFKC')
    .replace(/[\s\uFEFF]+/g, '')
    .toUpperCase();
  const m = UNIT_SUFFIX.exec(plain);
  if (!m) return { key: plain, unit: null };
  return { key: plain.slice(0, m.index), unit: m[2] === '元' ? 'yuan' : 'wan' };
}

export const headerKey = (header: string): string => normaliseHeader(header).key;
