import type { Rng } from '../prng.js';
import type { Cell, FileFormat } from './writers.js';

/** Every date format of sources.md, as departments write them. */
export type DateStyle =
  'iso' | 'slash' | 'dot' | 'compact' | 'chinese' | 'chinese_padded' | 'with_time' | 'iso_t' | 'xlsx_date';

export function formatDate(date: string | null, style: DateStyle): Cell {
  if (date === null || date === '') return null;
  const [y, m, d] = date.split('-') as [string, string, string];
  switch (style) {
    case 'iso':
      return date;
    case 'slash':
      return `${y}/${m}/${d}`;
    case 'dot':
      return `${y}.${m}.${d}`;
    case 'compact':
      return `${y}${m}${d}`;
    case 'chinese':
      return `${y}年${Number(m)}月${Number(d)}日`;
    case 'chinese_padded':
      return `${y}年${m}月${d}日`;
    case 'with_time':
      return `${date} 10:22:31`;
    case 'iso_t':
      return `${date}T09:15:00`;
    case 'xlsx_date':
      return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  }
}

/** A file format with the weights departments deliver them in. */
export function pickFormat(rng: Rng, allowXlsx: boolean): FileFormat {
  const options: (readonly [FileFormat, number])[] = [
    [{ kind: 'csv', encoding: 'utf8' }, 3],
    [{ kind: 'csv', encoding: 'utf8-bom' }, 3],
    [{ kind: 'csv', encoding: 'gb18030' }, 3],
    [{ kind: 'json' }, 1],
    [{ kind: 'jsonl' }, 1],
  ];
  if (allowXlsx) {
    options.push([{ kind: 'xlsx', titleRow: null, sheetRows: 1_000_000 }, 2]);
    options.push([{ kind: 'xlsx', titleRow: '行政执法信息公示数据报送表', sheetRows: 1_000_000 }, 1]);
    options.push([{ kind: 'xlsx', titleRow: null, sheetRows: 200 }, 0.5]);
  }
  return rng.weighted(options);
}

export function pickDateStyle(rng: Rng, format: FileFormat): DateStyle {
  const styles: DateStyle[] = ['iso', 'slash', 'dot', 'compact', 'chinese', 'chinese_padded', 'with_time', 'iso_t'];
  if (format.kind === 'xlsx') styles.push('xlsx_date', 'xlsx_date');
  return rng.pick(styles);
}

export function extension(f: FileFormat): string {
  return f.kind;
}

/** A USCC written as careless systems write it: lower case, or with a space inside. */
export function messyUscc(rng: Rng, uscc: string): string {
  if (uscc === '') return uscc;
  return rng.chance(0.5) ? uscc.toLowerCase() : `${uscc.slice(0, 6)} ${uscc.slice(6)}`;
}
