import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { ContentRefused } from '../refusal.js';
import { decodeText, decodedStream, sniffEncoding } from './encoding.js';
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

/** The character position JSON.parse names in its message, as a clerk's "near character N". */
function jsonErrorPlace(message: string): string {
  const m = /position (\d+)/.exec(message);
  return m ? `第 ${Number(m[1]) + 1} 个字符附近有误` : '内容不完整或有误';
}

export async function readJson(path: string, lines: boolean): Promise<ReadFile> {
  const collected = new RecordCollector();
  // Sniffed as a CSV is: a GBK export of JSON was read as UTF-8 and landed garbled.
  const encoding = await sniffEncoding(path);
  if (lines) {
    // Line by line from a stream: a JSON Lines file may be larger than the longest string V8 can hold
    // (512 MB), and holding its text beside its records doubled the memory.
    const input = decodedStream(path, encoding);
    let first = true;
    for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
      const l = first ? raw.replace(/^\uFEFF/, '') : raw;
      first = false;
      if (l.trim() !== '') collected.add(parseLine(l));
    }
  } else {
    const text = decodeText(await readFile(path), encoding);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      const detail = (e as Error).message;
      throw new ContentRefused(`不是有效的 JSON 文件：${jsonErrorPlace(detail)}`, detail);
    }
    if (!Array.isArray(parsed)) throw new ContentRefused('JSON 文件应是由对象组成的数组（[{…}, {…}]）');
    for (const v of parsed) collected.add(isObject(v) ? { obj: v } : { badText: JSON.stringify(v) });
  }
  const { headers, records } = collected;
  return {
    format: lines ? 'jsonl' : 'json',
    encoding,
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
