/** Display formats for pages (STYLE.md 16): dates in prose as 2025年12月31日, counts in 万/亿. */

export function dateInProse(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

const THIN = '\u2009';

export function chineseCount(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e8) return `${trim(n / 1e8)}${THIN}亿`;
  if (abs >= 1e4) return `${trim(n / 1e4)}${THIN}万`;
  return n.toLocaleString('zh-CN');
}

function trim(x: number): string {
  return x.toFixed(x >= 100 || x <= -100 ? 0 : x >= 10 || x <= -10 ? 1 : 2).replace(/\.?0+$/, '');
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
