import type { Check, Measurement } from './types.js';

const fmt = (n: number | null, digits = 1) =>
  n === null ? '' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (pass: boolean | null) => (pass === null ? '' : pass ? 'PASS' : 'FAIL');

/** A plain-text table of the measurements, for the terminal. */
export function measurementTable(rows: readonly Measurement[]): string {
  const head = ['bench', 'case', 'rows', 's', 'rows/s', 'ratio', 'peak RSS MB', 'target', ''];
  const body = rows.map((m) => [
    m.bench,
    m.case,
    m.rows === null ? '' : m.rows.toLocaleString('en-US'),
    fmt(m.seconds, 2),
    m.rowsPerSecond === null ? '' : Math.round(m.rowsPerSecond).toLocaleString('en-US'),
    m.ratio === null ? '' : `${fmt(m.ratio, 2)}×`,
    fmt(m.peakRssMb, 0),
    m.target ?? '',
    verdict(m.pass),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => width(r[i]!))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(widths[i]! - width(c)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

export function checkLines(checks: readonly Check[]): string {
  return checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'}  ${c.bench}: ${c.name} (${c.detail})`).join('\n');
}

/** Display width: CJK and other wide characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ||
      ch.codePointAt(0)! > 0xffff
        ? 2
        : 1;
  return w;
}
