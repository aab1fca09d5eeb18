import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Rng } from '../prng.js';
import type { DirtRates } from '../dirt.js';
import { addDays } from '../../../lib/dates.js';
import { formatDate, pickDateStyle, pickFormat, type DateStyle } from './formats.js';
import { openWriter, setMtime, type Cell, type FileFormat } from './writers.js';

export interface QuarantineRow {
  source: string;
  file: string;
  row_number: number;
  reason: string;
  raw: Record<string, string>;
}

/** What a file looks like, decided once per file. */
export interface FileCtx {
  name: string;
  date: string;
  format: FileFormat;
  dateStyle: DateStyle;
  rng: Rng;
  date_: (d: string | null) => Cell;
}

export interface Rendered {
  cells: Record<string, Cell>;
  /** Set when the row as delivered cannot load whatever its fields (e.g. an unknowable subject kind). */
  quarantine?: string;
}

/** One feed: records of one source delivered together in a series of dated files. */
export interface Feed<T> {
  source: string;
  label: string;
  records: readonly T[];
  /** The date that decides which file carries a record (report date, publication date …). */
  routeDate: (r: T) => string;
  headers: (file: FileCtx) => readonly string[];
  render: (r: T, file: FileCtx) => Rendered;
  /** ★ fields that dirt may blank or garble, by their Chinese header as in sources.md. */
  required: readonly { header: string; date: boolean }[];
  /** A corrected version delivered in a later file. */
  correction?: (r: T, file: FileCtx) => Rendered | null;
  cadenceDays: number;
  allowXlsx: boolean;
  /** Re-deliver one file byte for byte under a later name. */
  redeliver: boolean;
}

export interface DeliveryFact {
  file: string;
  fileDate: string;
  loaded: boolean;
  /** The report date as delivered in the row, or null when the file has no such column. */
  reportColumn: boolean;
  /** A corrected version was delivered in a later file (the latest version wins). */
  corrected: boolean;
}

export interface DeliveryLog {
  quarantine: QuarantineRow[];
  files: string[];
  rows: number;
  facts: Map<object, DeliveryFact>;
}

export function newLog(): DeliveryLog {
  return { quarantine: [], files: [], rows: 0, facts: new Map() };
}

/** 18:00 Shanghai on the file date, plus the feed's sequence in seconds, so delivery order is explicit. */
function mtimeOf(date: string, seq: number): Date {
  return new Date(Date.parse(`${date}T18:00:00+08:00`) + seq * 1000);
}

let fileSeq = 0;
export function resetFileSeq(): void {
  fileSeq = 0;
}

export async function deliverFeed<T extends object>(
  outDir: string,
  feed: Feed<T>,
  rng: Rng,
  dirt: DirtRates,
  start: string,
  asOf: string,
  log: DeliveryLog,
): Promise<void> {
  const dir = join(outDir, 'inbox', feed.source);
  mkdirSync(dir, { recursive: true });
  const periods: { from: string; to: string; date: string }[] = [];
  for (let from = start; from <= asOf; from = addDays(from, feed.cadenceDays)) {
    const to = addDays(from, feed.cadenceDays - 1);
    const date = addDays(to, 3) < asOf ? addDays(to, 3) : asOf;
    periods.push({ from, to: to < asOf ? to : asOf, date });
  }
  const buckets: T[][] = periods.map(() => []);
  const firstFrom = periods[0]?.from ?? start;
  for (const r of feed.records) {
    const d = feed.routeDate(r);
    if (d > asOf) continue; // not yet delivered at as-of
    const i = d < firstFrom ? 0 : Math.min(periods.length - 1, Math.floor((Date.parse(d) - Date.parse(firstFrom)) / 86_400_000 / feed.cadenceDays));
    buckets[i]?.push(r);
  }
  const corrections: T[] = [];
  const written: { path: string; name: string; date: string }[] = [];
  for (let i = 0; i < periods.length; i++) {
    const period = periods[i] as { date: string };
    const rows = buckets[i] as T[];
    const due = corrections.splice(0);
    if (rows.length === 0 && due.length === 0) continue;
    const format = pickFormat(rng, feed.allowXlsx && rows.length < 20_000);
    const dateStyle = pickDateStyle(rng, format);
    const compact = period.date.replaceAll('-', '');
    const name = `${compact}_${feed.label}_${String(i + 1).padStart(3, '0')}.${format.kind}`;
    const file: FileCtx = { name, date: period.date, format, dateStyle, rng, date_: (d) => formatDate(d, dateStyle) };
    const headers = feed.headers(file);
    const path = join(dir, name);
    const w = openWriter(path, headers, format, mtimeOf(period.date, 0));
    const toCells = (c: Record<string, Cell>) => headers.map((h) => c[h] ?? null);
    const raw = (c: Record<string, Cell>) => Object.fromEntries(headers.map((h) => [h, cellText(c[h] ?? null)]));
    for (const r of due) {
      const v = feed.correction?.(r, file);
      const fact = log.facts.get(r);
      if (v && fact) {
        w.add(toCells(v.cells));
        log.rows++;
        fact.corrected = true;
      }
    }
    for (const r of rows) {
      const v = feed.render(r, file);
      // A damaged copy first, then the department's proper row: the quarantined row still counts.
      const damage = rng.next();
      if (damage < dirt.missingRequired + dirt.unreadableDate && feed.required.length > 0) {
        const useDate = damage >= dirt.missingRequired;
        const candidates = feed.required.filter((f) => f.date === useDate && headers.includes(f.header));
        if (candidates.length > 0) {
          const field = rng.pick(candidates);
          const bad = { ...v.cells, [field.header]: useDate ? rng.pick(['2024-13-45', '待定', '20241', '0000/00/00']) : '' };
          const n = w.add(toCells(bad));
          log.rows++;
          log.quarantine.push({ source: feed.source, file: name, row_number: n, reason: `${useDate ? 'unreadable_date' : 'missing_required'}:${field.header}`, raw: raw(bad) });
        }
      }
      const n = w.add(toCells(v.cells));
      log.rows++;
      if (v.quarantine) log.quarantine.push({ source: feed.source, file: name, row_number: n, reason: v.quarantine, raw: raw(v.cells) });
      log.facts.set(r, { file: name, fileDate: period.date, loaded: !v.quarantine, reportColumn: headers.includes('上报日期'), corrected: false });
      if (feed.correction && feed.correction(r, file)) corrections.push(r);
    }
    await w.close();
    setMtime(path, mtimeOf(period.date, ++fileSeq % 3600));
    written.push({ path, name, date: period.date });
    log.files.push(`${feed.source}/${name}`);
  }
  if (feed.redeliver && written.length >= 2) {
    const again = written[Math.floor(written.length / 2)] as { path: string; name: string; date: string };
    const later = (written[written.length - 1] as { date: string }).date;
    const name = `${later.replaceAll('-', '')}_${feed.label}_重报${again.name.slice(again.name.lastIndexOf('.'))}`;
    copyFileSync(again.path, join(dir, name));
    setMtime(join(dir, name), mtimeOf(later, 3599));
    log.files.push(`${feed.source}/${name}`);
  }
}

function cellText(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c);
}
