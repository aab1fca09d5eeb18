/** The DuckDB dialect on a real DuckDB file, read-write and then read-only as a published build is opened. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDb } from '../../lib/db.js';
import { DuckDbDialect } from '../../lib/kysely/duckDbDialect.js';

interface Tables {
  people: { id: number; name: string; born: string; score: number | null; tags: string[] };
  visits: { person_id: number; seen_at: string };
  'ref.places': { code: string; label: string };
}

const file = join(mkdtempSync(join(tmpdir(), 'kysely-')), 'test.duckdb');

beforeAll(async () => {
  await withDb(file, {}, (db) =>
    db.exec(`
      create table people (id bigint, name varchar, born date, score decimal(9, 3), tags varchar[]);
      insert into people values (1, '甲', '1990-01-02', 1.5, ['a', 'b']), (2, '乙', '2001-12-31', null, []),
        (3, 'O''Brien', '1985-06-30', 2.25, ['b']);
      create table visits (person_id bigint, seen_at timestamptz);
      insert into visits values (1, '2025-01-01 08:00:00+08'), (1, '2025-02-01 09:30:00+08'), (3, '2025-03-01 10:00:00+08');
      create schema ref;
      create table ref.places (code varchar, label varchar);
      insert into ref.places values ('x', 'X 地');
    `),
  );
});

describe('DuckDbDialect', () => {
  it('selects rows as lib/db gives them: BIGINT and DECIMAL as numbers, DATE as text, lists as arrays', async () => {
    const rows = await withDb(file, { readOnly: true }, (db) =>
      new Kysely<Tables>({ dialect: new DuckDbDialect(db) }).selectFrom('people').selectAll().orderBy('id').execute(),
    );
    expect(rows).toEqual([
      { id: 1, name: '甲', born: '1990-01-02', score: 1.5, tags: ['a', 'b'] },
      { id: 2, name: '乙', born: '2001-12-31', score: null, tags: [] },
      { id: 3, name: "O'Brien", born: '1985-06-30', score: 2.25, tags: ['b'] },
    ]);
  });

  it('binds values ($1…), joins, groups and counts as a number, on a read-only file', async () => {
    await withDb(file, { readOnly: true }, async (db) => {
      const k = new Kysely<Tables>({ dialect: new DuckDbDialect(db) });
      const q = k
        .selectFrom('people as p')
        .leftJoin('visits as v', 'v.person_id', 'p.id')
        .select(['p.name', (eb) => eb.fn.count<number>('v.seen_at').as('visits')])
        .where('p.name', '=', "O'Brien")
        .groupBy('p.name');
      expect(q.compile().sql).toContain('$1');
      expect(await q.execute()).toEqual([{ name: "O'Brien", visits: 1 }]);
      const n = await k
        .selectFrom('people')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(n).toEqual({ n: 3 });
      const born = await k
        .selectFrom('people')
        .select('id')
        .where('born', '>=', sql<string>`${'1990-01-01'}::date`);
      expect((await born.orderBy('id').execute()).map((r) => r.id)).toEqual([1, 2]);
      const place = await k.selectFrom('ref.places').select('label').executeTakeFirst();
      expect(place).toEqual({ label: 'X 地' });
    });
  });

  it('binds a list of strings (an empty one too) and reads list functions through sql fragments', async () => {
    await withDb(file, { readOnly: true }, async (db) => {
      const k = new Kysely<Tables>({ dialect: new DuckDbDialect(db) });
      const tagged = (tag: string) =>
        k
          .selectFrom('people')
          .select('id')
          .where(sql<boolean>`list_contains(tags, ${tag})`)
          .orderBy('id')
          .execute();
      expect(await tagged('b')).toEqual([{ id: 1 }, { id: 3 }]);
      const inList = (names: string[]) =>
        k
          .selectFrom('people')
          .select('id')
          .where(sql<boolean>`name in (select unnest(${names}))`)
          .execute();
      expect(await inList(['乙'])).toEqual([{ id: 2 }]);
      expect(await inList([])).toEqual([]);
      const dates = await k
        .selectFrom('visits')
        .select(sql<string>`strftime(seen_at, '%Y-%m')`.as('month'))
        .orderBy('seen_at', (o) => o.desc().nullsLast())
        .limit(2)
        .execute();
      expect(dates).toEqual([{ month: '2025-03' }, { month: '2025-02' }]);
    });
  });

  it('refuses a value lib/db cannot bind, and runs one query at a time on its connection', async () => {
    await withDb(file, { readOnly: true }, async (db) => {
      const k = new Kysely<Tables>({ dialect: new DuckDbDialect(db) });
      await expect(
        k
          .selectFrom('people')
          .selectAll()
          .where('born', '=', new Date() as never)
          .execute(),
      ).rejects.toThrow(/cannot bind \[object Date\]/);
      const all = await Promise.all(
        [1, 2, 3].map((id) => k.selectFrom('people').select('id').where('id', '=', id).execute()),
      );
      expect(all.flat()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    });
  });
});
