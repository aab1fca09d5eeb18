import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, type Db } from '../../lib/db.js';
import { mayNeedTrim, TRIM, trimEach } from '../../pipelines/ingest/fieldSql.js';

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await Database.open(':memory:');
  db = await database.connect();
});
afterAll(() => {
  db.close();
  database.close();
});

// Every character TRIM removes, characters it keeps (U+2003 is whitespace, but not in its set), and a
// letter, an ideograph and an astral character, which decode to several UTF-8 bytes.
const ALPHABET = [' ', '\t', '\n', '\r', '\v', '\f', '\u00A0', '\u3000', '\uFEFF', '\u2003', 'a', '中', '😀'];

/** Every string of at most `n` characters of the alphabet. */
function allStrings(n: number): string[] {
  let level = [''];
  const out = [''];
  for (let i = 0; i < n; i++) {
    level = level.flatMap((s) => ALPHABET.map((c) => s + c));
    out.push(...level);
  }
  return out;
}

describe('trimEach', () => {
  it('gives every cell of a list what TRIM gives it, for every string of up to three characters', async () => {
    const cells = allStrings(3);
    const rows = await db.all<{ each: string | null; one: string | null }>(
      `select unnest(${trimEach('c')}) as each, unnest(list_transform(c, lambda x: ${TRIM('x')})) as one
       from (select ?::varchar[] as c)`,
      [cells],
    );
    expect(rows).toHaveLength(cells.length);
    const differ = rows.filter((r) => r.each !== r.one);
    expect(differ).toEqual([]);
    // The comparison is not vacuous: some cells were trimmed, some emptied, some kept.
    expect(rows.filter((r, i) => r.one !== null && r.one !== cells[i]).length).toBeGreaterThan(100);
    expect(rows.filter((r) => r.one === null).length).toBeGreaterThan(100);
  });

  it('keeps NULL cells NULL and the list as long as it was', async () => {
    const out = await db.value(`select ${trimEach(`['\u3000甲 ', null, '', ' 乙\uFEFF']`)}`);
    expect(out).toEqual(['甲', null, null, '乙']);
  });
});

describe('mayNeedTrim', () => {
  // Quotes, backslashes and brackets too: they are what JSON escapes or uses to delimit.
  const STRINGS = [
    ...allStrings(2),
    ...['"', '\\', ',', '[', '"中 ', 'a\\', '\\"'].flatMap((x) => [x, `${x}a`, `a${x}`]),
  ];

  it('is true for every row of cells, as DuckDB and JavaScript write them, whose TRIM differs', async () => {
    // Rows of two cells, each one of the strings, with a NULL cell among them.
    const rows = STRINGS.flatMap((a) => ['中', 'a b', a].map((b) => [a, b]));
    const jsTexts = rows.map((r) => JSON.stringify([...r, null]));
    const found = await db.all<{ json: string; may: boolean; same: boolean }>(
      `select json, ${mayNeedTrim('json')} as may,
         ${trimEach(`from_json(json, '["VARCHAR"]')`)} is not distinct from from_json(json, '["VARCHAR"]') as same
       from (select unnest(?::varchar[]) as json
             union all select to_json([a, b, null])::varchar
             from (select unnest(?::varchar[]) as a, unnest(?::varchar[]) as b))`,
      [jsTexts, rows.map((r) => r[0]!), rows.map((r) => r[1]!)],
    );
    expect(found).toHaveLength(2 * rows.length);
    expect(found.filter((r) => !r.may && !r.same)).toEqual([]);
    // Not vacuous: most rows are found plain, and some need their trim.
    expect(found.filter((r) => !r.may).length).toBeGreaterThan(rows.length / 4);
    expect(found.filter((r) => !r.same).length).toBeGreaterThan(100);
  });
});
