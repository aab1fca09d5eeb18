import { join } from 'node:path';
import { paths } from '../../lib/dataDir.js';
import type { Rng } from '../prng.js';
import { formatDate, pickDateStyle, pickFormat } from './formats.js';
import { mtimeOf, nextFileSeq, type DeliveryLog, type Feed, type FileCtx } from './deliver.js';
import { openWriter, setMtime } from './writers.js';

/**
 * A full-snapshot list file (`全量` in its name, sources.md): every entry of its authorities that
 * is active at `date`, rendered as the feed renders it. Entries left out are removed as of `date`.
 */
export async function deliverSnapshot<T extends object>(
  outDir: string,
  feed: Feed<T>,
  records: readonly T[],
  date: string,
  rng: Rng,
  log: DeliveryLog,
): Promise<string> {
  const format = pickFormat(rng, records.length < 20_000);
  const dateStyle = pickDateStyle(rng, format);
  const name = `${date.replaceAll('-', '')}_${feed.label}_全量.${format.kind}`;
  const ctx: FileCtx = { name, date, format, dateStyle, rng, date_: (d) => formatDate(d, dateStyle) };
  const headers = feed.headers(ctx);
  const path = join(paths.sourceInbox(outDir, feed.source), name);
  const w = openWriter(path, headers, format, mtimeOf(date, 0));
  for (const r of records) {
    const cells = feed.render(r, ctx).cells;
    w.add(headers.map((h) => cells[h] ?? null));
    log.rows++;
    log.rowsBySource[feed.source] = (log.rowsBySource[feed.source] ?? 0) + 1;
  }
  await w.close();
  setMtime(path, mtimeOf(date, nextFileSeq() % 3600));
  log.files.push(`${feed.source}/${name}`);
  log.fileDates.set(feed.source, [...(log.fileDates.get(feed.source) ?? []), date]);
  return name;
}
