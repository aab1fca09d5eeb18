import { closeSync, mkdirSync, openSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../lib/dataDir.js';

type Value = string | number | boolean | null | string[] | Record<string, string>;

/** Rows sorted by every column from left to right, strings by code point, nulls last (interfaces.md). */
export function sortRows<T extends Record<string, Value>>(rows: T[]): T[] {
  const cmp = (a: Value, b: Value): number => {
    if (a === b) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    const sa = typeof a === 'string' ? a : JSON.stringify(a);
    const sb = typeof b === 'string' ? b : JSON.stringify(b);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  };
  return rows.sort((x, y) => {
    for (const k of Object.keys(x)) {
      const c = cmp(x[k] as Value, y[k] as Value);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/**
 * Not a dataset: the §7 verdict of every record behind publicity-quality, one JSON object a line
 * sorted by id, so a mismatch with the product's model can be traced to the records that differ.
 */
export function writePublicityRecords(
  outDir: string,
  asOf: string,
  records: readonly { id: string; department: string; decision: string; timely: boolean; compliant: boolean }[],
): void {
  const path = paths.answerKeyFile(outDir, 'publicity-records.jsonl');
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Written in chunks: a city has about a million lines, and the file as one string was the largest
  // allocation of the whole run (generator.md, measurements).
  const fd = openSync(path, 'w');
  try {
    let chunk = '';
    for (const r of sorted) {
      const { id, department, decision, timely, compliant } = r;
      chunk += `${JSON.stringify({ id, department, decision, timely, compliant })}\n`;
      if (chunk.length > 1 << 16) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    // No records: the file was always one empty line.
    writeSync(fd, sorted.length === 0 ? '\n' : chunk);
  } finally {
    closeSync(fd);
  }
  const when = new Date(`${asOf}T20:00:00+08:00`);
  utimesSync(path, when, when);
}

export function writeAnswer(
  outDir: string,
  asOf: string,
  dataset: string,
  rows: Record<string, Value>[] | object,
): void {
  const dir = paths.answerKey(outDir);
  mkdirSync(dir, { recursive: true });
  const body = Array.isArray(rows) ? sortRows(rows as Record<string, Value>[]) : rows;
  const path = join(dir, `${dataset}.json`);
  writeFileSync(path, JSON.stringify(body, null, 1) + '\n');
  // Pinned like the inbox files, so a whole generated folder is reproducible, times included.
  const when = new Date(`${asOf}T20:00:00+08:00`);
  utimesSync(path, when, when);
}
