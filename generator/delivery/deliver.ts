import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../lib/dataDir.js';
import type { Rng } from '../prng.js';
import type { DirtRates } from '../dirt.js';
import { addDays } from '../../lib/dates.js';
import { formatDate, pickDateStyle, pickFormat, type DateStyle } from './formats.js';
import { openWriter, setMtime, type Cell, type DeliveryWriter, type FileFormat } from './writers.js';
import { FactStore, type Publicity } from './facts.js';

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
  publicity?: Publicity;
}

/** A ★ field dirt may blank or garble; `role` says what §7 loses when it is damaged. */
export interface RequiredField {
  header: string;
  date: boolean;
  role?: 'authority' | 'decision';
}

/** One feed: records of one source delivered together in a series of dated files. */
export interface Feed<T> {
  source: string;
  label: string;
  records: Iterable<T>;
  /** The date that decides which file carries a record (report date, publication date …). */
  routeDate: (r: T) => string;
  headers: (file: FileCtx) => readonly string[];
  render: (r: T, file: FileCtx) => Rendered;
  required: readonly RequiredField[];
  /** Headers blanked together to make a row whose subject kind cannot be inferred (sources.md). */
  subjectColumns?: readonly string[];
  /** A corrected version delivered in the next file of the feed. */
  correction?: (r: T, file: FileCtx) => Rendered | null;
  cadenceDays: number;
  allowXlsx: boolean;
  /** Re-deliver one file byte for byte under a later name. */
  redeliver: boolean;
  /** First day of this feed's history when it reaches back before the world's start. */
  start?: string;
  /** Keep a delivery fact per record (off for the bulk feeds whose delivery follows from routeDate). */
  trackFacts?: boolean;
}

/** A quarantined penalty or licence row whose department and decision date can be read (§7). */
export interface QuarantinedPublicity {
  source: string;
  id: string;
  department: string;
  decision: string;
  /** Its own 上报日期, or null (then it is late). */
  report: string | null;
}

export interface DeliveryLog {
  quarantine: QuarantineRow[];
  quarantinedPublicity: QuarantinedPublicity[];
  files: string[];
  rows: number;
  rowsBySource: Record<string, number>;
  facts: FactStore;
  /** Every file written, in delivery order (by source). */
  fileDates: Map<string, string[]>;
}

export function newLog(): DeliveryLog {
  return {
    quarantine: [],
    quarantinedPublicity: [],
    files: [],
    rows: 0,
    rowsBySource: {},
    facts: new FactStore(),
    fileDates: new Map(),
  };
}

/** 18:00 Shanghai on the file date, plus a sequence in seconds, so delivery order is explicit. */
export function mtimeOf(date: string, seq: number): Date {
  return new Date(Date.parse(`${date}T18:00:00+08:00`) + seq * 1000);
}

let fileSeq = 0;
export function resetFileSeq(): void {
  fileSeq = 0;
}
export function nextFileSeq(): number {
  return ++fileSeq;
}

interface Period {
  from: string;
  date: string;
}

export function periodsOf(start: string, asOf: string, cadenceDays: number): Period[] {
  const periods: Period[] = [];
  for (let from = start; from <= asOf; from = addDays(from, cadenceDays)) {
    const to = addDays(from, cadenceDays - 1);
    periods.push({ from, date: addDays(to, 3) < asOf ? addDays(to, 3) : asOf });
  }
  return periods;
}

interface OpenFile {
  ctx: FileCtx;
  headers: readonly string[];
  path: string;
  writer: DeliveryWriter;
  order: number;
}

/**
 * Delivers a feed in one pass over its records: every file of the feed is open at once and each
 * record goes to the file of its period, so a city-scale feed is streamed, never held. A record's
 * correction goes to the next file of the feed; the last file's corrections are never delivered.
 */
export async function deliverFeed<T extends object>(
  outDir: string,
  feed: Feed<T>,
  rng: Rng,
  dirt: DirtRates,
  start: string,
  asOf: string,
  log: DeliveryLog,
): Promise<void> {
  const dir = paths.sourceInbox(outDir, feed.source);
  mkdirSync(dir, { recursive: true });
  const periods = periodsOf(feed.start ?? start, asOf, feed.cadenceDays);
  const firstFrom = periods[0]?.from ?? start;
  const bucketOf = (r: T): number => {
    const d = feed.routeDate(r);
    if (d > asOf) return -1; // not yet delivered at as-of
    if (d < firstFrom) return 0;
    return Math.min(
      periods.length - 1,
      Math.floor((Date.parse(d) - Date.parse(firstFrom)) / 86_400_000 / feed.cadenceDays),
    );
  };
  const counts = new Array<number>(periods.length).fill(0);
  for (const r of feed.records) {
    const i = bucketOf(r);
    if (i >= 0) counts[i]! += 1;
  }
  const files = new Array<OpenFile | undefined>(periods.length);
  const track = feed.trackFacts !== false;
  const open = (i: number): OpenFile => {
    const existing = files[i];
    if (existing) return existing;
    const period = periods[i] as Period;
    const format = pickFormat(rng, feed.allowXlsx && (counts[i] ?? 0) < 20_000);
    const dateStyle = pickDateStyle(rng, format);
    const name = `${period.date.replaceAll('-', '')}_${feed.label}_${String(i + 1).padStart(3, '0')}.${format.kind}`;
    const ctx: FileCtx = { name, date: period.date, format, dateStyle, rng, date_: (d) => formatDate(d, dateStyle) };
    const headers = feed.headers(ctx);
    const path = join(dir, name);
    // Files of a feed are dated in period order, so the period index is their delivery order.
    const f: OpenFile = {
      ctx,
      headers,
      path,
      writer: openWriter(path, headers, format, mtimeOf(period.date, 0)),
      order: i,
    };
    files[i] = f;
    return f;
  };
  const add = (f: OpenFile, cells: Record<string, Cell>): number => {
    log.rows++;
    log.rowsBySource[feed.source] = (log.rowsBySource[feed.source] ?? 0) + 1;
    return f.writer.add(f.headers.map((h) => cells[h] ?? null));
  };
  const quarantine = (
    f: OpenFile,
    n: number,
    reason: string,
    cells: Record<string, Cell>,
    pub: Publicity | undefined,
  ) => {
    log.quarantine.push({
      source: feed.source,
      file: f.ctx.name,
      row_number: n,
      reason,
      raw: Object.fromEntries(f.headers.map((h) => [h, cellText(cells[h] ?? null)])),
    });
    const department = pub ? (pub.department ?? pub.authority) : null;
    if (pub && department !== null && pub.decision !== null) {
      log.quarantinedPublicity.push({
        source: feed.source,
        id: `quarantine:${feed.source}/${f.ctx.name}#${n}`,
        department,
        decision: pub.decision,
        report: pub.report,
      });
    }
  };
  for (const r of feed.records) {
    const i = bucketOf(r);
    if (i < 0) continue;
    const f = open(i);
    const v = feed.render(r, f.ctx);
    // A damaged copy first, then the department's proper row: the quarantined row still counts.
    const damage = rng.next();
    const garbling = dirt.missingRequired + dirt.unreadableDate;
    if (damage < garbling && feed.required.length > 0) {
      const useDate = damage >= dirt.missingRequired;
      const candidates = feed.required.filter((x) => x.date === useDate && f.headers.includes(x.header));
      if (candidates.length > 0) {
        const field = rng.pick(candidates);
        // '2024123' and not '20241': a bare number of 1–80000 is an Excel serial day (sources.md), readable.
        const bad = {
          ...v.cells,
          [field.header]: useDate ? rng.pick(['2024-13-45', '待定', '2024123', '0000/00/00']) : '',
        };
        const pub = v.publicity && field.role ? { ...v.publicity, [field.role]: null } : v.publicity;
        quarantine(f, add(f, bad), `${useDate ? 'unreadable_date' : 'missing_required'}:${field.header}`, bad, pub);
      }
    } else if (
      damage < garbling + dirt.unknownSubjectKind &&
      feed.subjectColumns?.length &&
      feed.subjectColumns.every((h) => f.headers.includes(h))
    ) {
      const bad = { ...v.cells, ...Object.fromEntries(feed.subjectColumns.map((h) => [h, ''])) };
      quarantine(f, add(f, bad), 'unknown_subject_kind', bad, v.publicity);
    }
    const n = add(f, v.cells);
    if (v.quarantine) quarantine(f, n, v.quarantine, v.cells, v.publicity);
    if (track) {
      const publicity =
        v.publicity && !v.quarantine ? { ...v.publicity, report: v.publicity.report ?? f.ctx.date } : null;
      log.facts.add(r, {
        file: f.ctx.name,
        fileDate: f.ctx.date,
        fileOrder: f.order,
        loaded: !v.quarantine,
        corrected: false,
        publicity,
      });
    }
    if (feed.correction && i + 1 < periods.length) {
      const g = open(i + 1);
      const c = feed.correction(r, g.ctx);
      const fact = log.facts.get(r);
      if (c && fact && fact.loaded) {
        add(g, c.cells);
        log.facts.correct(
          r,
          g.ctx.name,
          g.ctx.date,
          g.order,
          c.publicity ? { ...c.publicity, report: c.publicity.report ?? g.ctx.date } : null,
        );
      }
    }
  }
  const written: { path: string; name: string; date: string }[] = [];
  for (const f of files) {
    if (!f) continue;
    await f.writer.close();
    // A file opened for a correction that never came holds no row: as JSON Lines it has no byte at all,
    // which no department delivers (the ingest refuses an empty file).
    if (f.ctx.format.kind === 'jsonl' && statSync(f.path).size === 0) {
      rmSync(f.path);
      continue;
    }
    setMtime(f.path, mtimeOf(f.ctx.date, nextFileSeq() % 3600));
    written.push({ path: f.path, name: f.ctx.name, date: f.ctx.date });
    log.files.push(`${feed.source}/${f.ctx.name}`);
  }
  log.fileDates.set(feed.source, [...(log.fileDates.get(feed.source) ?? []), ...written.map((w) => w.date)]);
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
