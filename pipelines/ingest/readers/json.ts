import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { InputError } from '../../../lib/errors.js';
import type { Db } from '../../../lib/db.js';
import { appendRecords, jsonCell, type JsRecord } from './tempTable.js';
import type { ReadFile } from './types.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Items of the file: objects, or the text of an item that is not one (it becomes an unreadable row). */
type Item = { obj: Obj } | { badText: string };

/** Records in item order, each object's cells placed under the union of every object's keys. */
class RecordCollector {
  readonly headers: string[] = [];
  readonly records: JsRecord[] = [];
  private readonly index = new Map<string, number>();

  add(it: Item): void {
    if ('badText' in it) {
      this.records.push({ cells: [it.badText], bad: 'unreadable_row' });
      return;
    }
    // Cells past a record's end read as empty: a key first seen in a later record widens the headers.
    const cells: (string | null)[] = [];
    for (const [k, v] of Object.entries(it.obj)) {
      let i = this.index.get(k);
      if (i === undefined) this.index.set(k, (i = this.headers.push(k) - 1));
      cells[i] = jsonCell(v);
    }
    this.records.push({ cells });
  }
}

function parseLine(l: string): Item {
  try {
    const v: unknown = JSON.parse(l);
    return isObject(v) ? { obj: v } : { badText: l };
  } catch {
    return { badText: l };
  }
}

export async function readJson(path: string, lines: boolean): Promise<ReadFile> {
  const collected = new RecordCollector();
  if (lines) {
    // Line by line from a stream: a JSON Lines file may be larger than the longest string V8 can hold
    // (512 MB), and holding its text beside its records doubled the memory.
    const input = createReadStream(path, { encoding: 'utf8' });
    let first = true;
    for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
      const l = first ? raw.replace(/^\uFEFF/, '') : raw;
      first = false;
      if (l.trim() !== '') collected.add(parseLine(l));
    }
  } else {
    const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new InputError(`not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new InputError('a JSON extract must be an array of objects');
    for (const v of parsed) collected.add(isObject(v) ? { obj: v } : { badText: JSON.stringify(v) });
  }
  const { headers, records } = collected;
  return {
    format: lines ? 'jsonl' : 'json',
    encoding: 'utf-8',
    skipped: [],
    parts: [
      {
        sheet: null,
        headerRow: null,
        headers,
        load: (db: Db, table: string) => appendRecords(db, table, headers.length, records),
      },
    ],
    async cleanup() {},
  };
}
