/**
 * A search page comes from one pass over the matches (their count and the first offset + limit order keys in a
 * bounded heap) up to HEAP_MAX hits deep, and from sorting every hit beyond: both must give the page an
 * independent reading of the rule gives — every match ranked (USCC, USCC prefix, the name, a name starting
 * with the query, containing it, a former name), ties by name_order — on the shared world's build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../lib/dataDir.js';
import { Database, type Db } from '../../lib/db.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { HEAP_MAX, parseSearch, searchEntities } from '../../dashboards/search/query.js';
import { sharedWorldDir } from '../sharedWorld/index.js';

let database: Database;
let db: Db;

beforeAll(async () => {
  const dataDir = await sharedWorldDir();
  database = await Database.open(paths.pointedFile(dataDir, readPointer(dataDir)!.file), { readOnly: true });
  db = await database.connect();
}, 600_000);

afterAll(() => {
  db?.close();
  database?.close();
});

/** Every match in order, by the rule written out plainly. */
async function oracle(text: string): Promise<string[]> {
  const q = parseSearch(text);
  const rows = await db.all<{ uscc: string; name_norm: string; search_text: string; name_order: number }>(
    `select uscc, name_norm, search_text, name_order from entity_search`,
  );
  const rank = (r: (typeof rows)[number]) => {
    if (q.code !== null && r.uscc === q.code) return 0;
    if (q.code !== null && r.uscc.startsWith(q.code)) return 1;
    if (q.code?.length === 18 || !r.search_text.includes(q.name)) return null;
    if (r.name_norm === q.name) return 2;
    if (r.name_norm.startsWith(q.name)) return 3;
    return r.name_norm.includes(q.name) ? 4 : 5;
  };
  return rows
    .map((r) => ({ r, k: rank(r) }))
    .filter((x): x is { r: (typeof rows)[number]; k: number } => x.k !== null)
    .sort((a, b) => a.k - b.k || a.r.name_order - b.r.name_order)
    .map((x) => x.r.uscc);
}

describe('a page of search results', () => {
  it('is the slice of every match in rank and name order, with the count of all, shallow or deep', async () => {
    const [common] = await db.all<{ q: string }>(
      `select substr(name_norm, 3, 2) as q from entity_search group by 1 order by count(*) desc limit 1`,
    );
    const [code] = await db.all<{ q: string }>(`select left(uscc, 8) as q from entity_search limit 1`);
    const [whole] = await db.all<{ q: string }>(`select uscc as q from entity_search order by name_order limit 1`);
    for (const text of [common!.q, code!.q, whole!.q, '有限公司']) {
      const all = await oracle(text);
      expect(all.length, text).toBeGreaterThan(0);
      for (const [offset, limit] of [
        [0, 20],
        [7, 5],
        [Math.max(0, all.length - 3), 10],
        [all.length + 5, 20],
        [HEAP_MAX - 2, 5],
      ] as const) {
        const page = await searchEntities(db, parseSearch(text), { limit, offset });
        expect(
          page.rows.map((r) => r.uscc),
          `${text} ${offset} ${limit}`,
        ).toEqual(all.slice(offset, offset + limit));
        expect(page.total).toBe(all.length);
      }
    }
  });
});
