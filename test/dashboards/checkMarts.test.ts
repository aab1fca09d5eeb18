/**
 * A credit check reads its whole answer from check_entities (dashboards/check/query.ts). A published build
 * from before check_entities carried it must be refused by name, so the server answers 503 "build again"
 * rather than failing on a missing column.
 */
import { describe, expect, it } from 'vitest';
import { Database } from '../../lib/db.js';
import { missingCheckMarts } from '../../dashboards/check/query.js';

async function withTables(ddl: string, fn: (missing: string[]) => void) {
  const database = await Database.open(':memory:');
  const db = await database.connect();
  try {
    await db.exec(ddl);
    fn(await missingCheckMarts(db));
  } finally {
    db.close();
    database.close();
  }
}

describe('the marts a credit check needs', () => {
  it('names the marts a build lacks', async () => {
    await withTables('create table check_names (uscc varchar)', (m) => expect(m).toEqual(['check_entities']));
  });

  it('names the answer column an older check_entities lacks', async () => {
    await withTables(
      'create table check_names (uscc varchar); create table check_entities (uscc varchar, name varchar)',
      (m) => expect(m).toEqual(['check_entities.grade']),
    );
  });

  it('finds nothing missing in a build whose check_entities carries the answer', async () => {
    await withTables(
      'create table check_names (uscc varchar); create table check_entities (uscc varchar, name varchar, grade varchar)',
      (m) => expect(m).toEqual([]),
    );
  });
});
