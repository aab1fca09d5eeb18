import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, type Db } from '../../lib/db.js';
import { TRIM, trimEach } from '../../pipelines/ingest/fieldSql.js';

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
