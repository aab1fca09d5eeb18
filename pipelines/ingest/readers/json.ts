import { readFile } from 'node:fs/promises';
import { InputError } from '../../../lib/errors.js';
import type { Db } from '../../../lib/db.js';
import { appendRecords, jsonCell, type JsRecord } from './tempTable.js';
import type { ReadFile } from './types.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Items of the file: objects, or the text of an item that is not one (it becomes an unreadable row). */
type Item = { obj: Obj } | { badText: string };

function toRecords(items: Item[]): { headers: string[]; records: JsRecord[] } {
  const headers: string[] = [];
  const index = new Map<string, number>();
  for (const it of items) {
    if ('obj' in it) for (const k of Object.keys(it.obj)) if (!index.has(k)) index.set(k, headers.push(k) - 1);
  }
  const records = items.map((it): JsRecord => {
    if ('badText' in it) return { cells: [it.badText], bad: 'unreadable_row' };
    const cells: (string | null)[] = new Array(headers.length).fill(null);
    for (const [k, v] of Object.entries(it.obj)) cells[index.get(k)!] = jsonCell(v);
    return { cells };
  });
  return { headers, records };
}

export async function readJson(path: string, lines: boolean): Promise<ReadFile> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  let items: Item[];
  if (lines) {
    items = text
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map((l): Item => {
        try {
          const v: unknown = JSON.parse(l);
          return isObject(v) ? { obj: v } : { badText: l };
        } catch {
          return { badText: l };
        }
      });
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new InputError(`not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new InputError('a JSON extract must be an array of objects');
    items = parsed.map((v): Item => (isObject(v) ? { obj: v } : { badText: JSON.stringify(v) }));
  }
  const { headers, records } = toRecords(items);
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
