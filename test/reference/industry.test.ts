import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../lib/db.js';
import { loadReference } from '../../lib/reference/index.js';
import { freshDb } from './helpers.js';

describe('GB/T 4754-2017 sections and divisions', () => {
  let ctx: Awaited<ReturnType<typeof freshDb>>;
  let db: Db;
  beforeAll(async () => {
    ctx = await freshDb();
    db = ctx.db;
    await loadReference(db);
  });
  afterAll(() => ctx.close());

  it('has the 20 sections A–T', async () => {
    const rows = await db.all<{ section: string }>('select section from ref.sections order by section');
    expect(rows.map((r) => r.section).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
  });

  it('has the 97 divisions 01–97, each in a listed section', async () => {
    const codes = (await db.all<{ division: string }>('select division from ref.divisions order by division')).map(
      (r) => r.division,
    );
    expect(codes).toHaveLength(97);
    expect(codes).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(await db.value('select count(*) from ref.divisions anti join ref.sections using (section)')).toBe(0);
  });

  it('puts known divisions in their sections', async () => {
    const rows = await db.all(
      `select division, section, name from ref.divisions where division in ('01', '39', '65', '97') order by division`,
    );
    expect(rows).toEqual([
      { division: '01', section: 'A', name: '农业' },
      { division: '39', section: 'C', name: '计算机、通信和其他电子设备制造业' },
      { division: '65', section: 'I', name: '软件和信息技术服务业' },
      { division: '97', section: 'T', name: '国际组织' },
    ]);
  });

  it('uses the 2017 names, not the 2011 ones', async () => {
    const names = await db.all<{ name: string }>(
      `select name from ref.divisions where division in ('05', '11') order by division`,
    );
    expect(names.map((r) => r.name)).toEqual(['农、林、牧、渔专业及辅助性活动', '开采专业及辅助性活动']);
  });

  it('gives every section at least one division', async () => {
    expect(await db.value('select count(*) from ref.sections anti join ref.divisions using (section)')).toBe(0);
  });
});
