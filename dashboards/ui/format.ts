/** Display formats for pages (STYLE.md 16): dates in prose as 2025年12月31日, counts in 万/亿. */

export function dateInProse(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

const THIN = '\u2009';

/**
 * 万/亿 by the locale's own compact notation, at least three significant digits and never fewer integer
 * digits (1235 万, 1.23 亿): rounding a fixed-point string with a regex once turned 100 万 into "1 万".
 */
const COMPACT = new Intl.NumberFormat('zh-CN', {
  notation: 'compact',
  maximumSignificantDigits: 3,
  maximumFractionDigits: 0,
  roundingPriority: 'morePrecision',
});

export function chineseCount(n: number): string {
  if (Math.abs(n) < 1e4) return n.toLocaleString('zh-CN');
  // A thin space before the unit, as the pages have always printed it.
  return COMPACT.formatToParts(n)
    .map((p) => (p.type === 'compact' ? `${THIN}${p.value}` : p.value))
    .join('');
}

export function seconds(s: number): string {
  return s < 1
    ? `${Math.round(s * 1000)} 毫秒`
    : s < 60
      ? `${s.toFixed(1)} 秒`
      : `${Math.floor(s / 60)} 分 ${Math.round(s % 60)} 秒`;
}

/** A timestamp as Asia/Shanghai local time, 2025-12-31 08:05. */
export function shanghaiTime(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16);
}
