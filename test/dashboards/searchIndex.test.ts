/**
 * The search by the build's indexes (dashboards/search/indexed.ts) must give exactly the page the scan of
 * entity_search gives — same hits, same order, same ranks, same count — for every kind of query: whole
 * USCCs, USCC prefixes of 6 to 17 characters (upper and lower case), names, slices of names, former names
 * and slices of them, queries that match nothing, and a one-character query. Both run on the shared
 * world's published build, which the real build wrote with its look-up indexes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../lib/dataDir.js';
import { Database, type Db } from '../../lib/db.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { after, codeRange, FREQUENT_MAX_LENGTH, indexedPage } from '../../dashboards/search/indexed.js';
import { parseSearch, searchEntities, searchEntitiesByScan } from '../../dashboards/search/query.js';
import { USCC_CHARSET } from '../../lib/validate/uscc.js';
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

/** Queries of every kind drawn from the build itself, with a fixed seed. */
async function queries(): Promise<string[]> {
  await db.exec(`select setseed(0.42)`);
  const rows = await db.all<{ uscc: string; name: string; former: string | null }>(
    `select uscc, name, former_names[1] as former from entity_search order by random() limit 40`,
  );
  const formers = await db.all<{ former: string }>(
    `select former_names[1] as former from entity_search where len(former_names) > 0 order by random() limit 15`,
  );
  const slice = (s: string, i: number) => {
    const chars = [...s];
    const len = 2 + (i % 5);
    const at = (i * 3) % Math.max(1, chars.length - len);
    return chars.slice(at, at + len).join('');
  };
  const out: string[] = [];
  rows.slice(0, 8).forEach((r) => out.push(r.uscc, r.uscc.toLowerCase()));
  rows.slice(8, 14).forEach((r) => {
    for (let n = 6; n <= 17; n++) out.push(r.uscc.slice(0, n));
  });
  out.push(rows[14]!.uscc.slice(0, 9).toLowerCase());
  rows.slice(15, 40).forEach((r, i) => out.push(r.name, slice(r.name, i), [...r.name].slice(0, 2).join('')));
  formers.forEach((r, i) => out.push(r.former, slice(r.former, i + 1)));
  // Nothing matches these; the last is a valid code prefix no entity has.
  out.push('没有这样的企业名称', 'ZZZZ不存在', '913502ZZZZ', '0000000');
  // Spaces and full-width forms the query's norm removes, as the scan's.
  out.push(`  ${[...rows[20]!.name].slice(0, 3).join(' ')} `, '（厦门）', '有限公司', '公司');
  return out;
}

describe('the indexed search', () => {
  it('answers every query exactly as the scan does, from the indexes', async () => {
    const qs = await queries();
    expect(qs.length).toBeGreaterThan(150);
    const frequent = new Set(
      (await db.all<{ gram: string }>(`select gram from entity_search_grams where frequent`)).map((r) => r.gram),
    );
    // The answers kept for short queries starting with a frequent gram are compared too.
    expect(frequent.size).toBeGreaterThan(0);
    let matched = 0;
    let kept = 0;
    for (const text of qs) {
      const q = parseSearch(text);
      const chars = [...q.name];
      const first = frequent.has(chars.slice(0, 2).join('')) && q.code?.length !== 18;
      // What the indexes answer: everything but a query starting with a frequent gram that is long or a code.
      const byIndex = !first || (q.code === null && chars.length <= FREQUENT_MAX_LENGTH);
      if (first && byIndex) kept++;
      for (const page of [
        { limit: 20, offset: 0 },
        { limit: 5, offset: 3 },
      ]) {
        const scanned = await searchEntitiesByScan(db, q, page);
        expect(await indexedPage(db, q, page), text).toSatisfy((p: unknown) => (p !== null) === byIndex);
        expect(await searchEntities(db, q, page), `${text} ${JSON.stringify(page)}`).toEqual(scanned);
        if (page.offset === 0 && scanned.total > 0) matched++;
      }
    }
    // Most queries find something, so the comparison compares hits and not only empty pages.
    expect(matched).toBeGreaterThan(qs.length - 10);
    expect(kept).toBeGreaterThan(5);
  }, 300_000);

  it('ranks every kind of match, so all the ranks were compared', async () => {
    const [e] = await db.all<{ uscc: string; name: string; former: string }>(
      `select uscc, name, former_names[1] as former from entity_search where len(former_names) > 0 limit 1`,
    );
    const kinds = new Set<string>();
    for (const text of [e!.uscc, e!.uscc.slice(0, 8), e!.name, [...e!.name].slice(0, 3).join(''), e!.former])
      for (const r of (await searchEntities(db, parseSearch(text), { limit: 100, offset: 0 })).rows)
        kinds.add(r.matched_by);
    expect([...kinds].sort()).toEqual(['former_name', 'name', 'uscc', 'uscc_prefix']);
  });

  it('leaves to the scan what the indexes do not answer, with the same answer', async () => {
    // A one-character name is refused before any search; one astral character passes the length check.
    expect(() => parseSearch('厦')).toThrow(/至少/);
    const astral = parseSearch('𠀀');
    expect(await indexedPage(db, astral, { limit: 20, offset: 0 })).toBeNull();
    expect(await searchEntities(db, astral, { limit: 20, offset: 0 })).toEqual(
      await searchEntitiesByScan(db, astral, { limit: 20, offset: 0 }),
    );
    // Past one pass's depth, the sort of every hit answers; past the kept keys of a frequent query, the scan.
    expect(await indexedPage(db, parseSearch('公司'), { limit: 20, offset: 10_000 })).toBeNull();
    const [deep] = await db.all<{ query: string }>(
      `select query from entity_search_frequent where total > len(keys) order by total desc limit 1`,
    );
    const page = { limit: 20, offset: 95 };
    expect(await indexedPage(db, parseSearch(deep!.query), page)).toBeNull();
    expect(await searchEntities(db, parseSearch(deep!.query), page)).toEqual(
      await searchEntitiesByScan(db, parseSearch(deep!.query), page),
    );
  });

  it('was written by the build with its look-up indexes', async () => {
    const names = (
      await db.all<{ index_name: string }>(
        `select index_name from duckdb_indexes() where database_name = current_database()`,
      )
    ).map((r) => r.index_name);
    expect(names).toContain('entity_search__name_order__lookup');
  });
});

describe('the index keys', () => {
  it('put every USCC starting with a prefix between the prefix range ends, in the order of the build', async () => {
    const rows = await db.all<{ uscc: string; key: string }>(
      `select uscc, uscc_key::varchar as key from entity_search_codes where uscc_key is not null order by uscc_key limit 200`,
    );
    for (const r of rows) {
      const [lo, hi] = codeRange(r.uscc);
      expect([lo, hi]).toEqual([r.key, r.key]);
      const [plo, phi] = codeRange(r.uscc.slice(0, 7));
      expect(BigInt(plo) <= BigInt(r.key) && BigInt(r.key) <= BigInt(phi)).toBe(true);
    }
    expect(codeRange('0')[0]).toBe('0');
    expect(BigInt(codeRange('Y')[1])).toBe(BigInt(USCC_CHARSET.length) ** 18n - 1n);
  });

  it('bound a name range above by the successor of its last character', () => {
    expect(after('有限')).toBe(`有${String.fromCodePoint(0x9651)}`);
    expect(after('a\u{d7ff}')).toBe('a\u{e000}');
    expect(after('a\u{10ffff}')).toBeNull();
  });
});
