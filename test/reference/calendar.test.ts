import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../lib/db.js';
import { InputError } from '../../lib/errors.js';
import { calendarCoverage, loadReference } from '../../lib/reference/index.js';
import { freshDb, referenceCopy } from './helpers.js';

type Day = {
  is_working_day: boolean;
  is_holiday: boolean;
  is_adjusted_working_day: boolean;
  holiday_name: string | null;
  source: string;
};

async function day(db: Db, date: string): Promise<Day | undefined> {
  return db.one<Day>(
    'select is_working_day, is_holiday, is_adjusted_working_day, holiday_name, source from ref.calendar where date = ?::date',
    [date],
  );
}

describe('working-day calendar from chinese-days', () => {
  let ctx: Awaited<ReturnType<typeof freshDb>>;
  let db: Db;
  beforeAll(async () => {
    ctx = await freshDb();
    db = ctx.db;
    await loadReference(db);
  });
  afterAll(() => ctx.close());

  it('covers every date from 2004-01-01 to 2026-12-31 once', async () => {
    const r = await db.one(
      'select min(date) as f, max(date) as t, count(*) as n, count(distinct date) as d from ref.calendar',
    );
    expect(r).toEqual({ f: '2004-01-01', t: '2026-12-31', n: 8401, d: 8401 });
  });

  it('takes 2025-10-01 off as 国庆节', async () => {
    expect(await day(db, '2025-10-01')).toMatchObject({
      is_working_day: false,
      is_holiday: true,
      holiday_name: '国庆节',
    });
  });

  it('works on Sunday 2025-09-28, an adjusted working day', async () => {
    expect(await day(db, '2025-09-28')).toMatchObject({
      is_working_day: true,
      is_adjusted_working_day: true,
      is_holiday: false,
    });
  });

  it('follows the 2026 arrangement: Saturday 02-14 and 02-28 worked, 02-15 to 02-23 off for 春节', async () => {
    expect(await day(db, '2026-02-14')).toMatchObject({ is_working_day: true, is_adjusted_working_day: true });
    expect(await day(db, '2026-02-15')).toMatchObject({
      is_working_day: false,
      is_holiday: true,
      holiday_name: '春节',
    });
    expect(await day(db, '2026-02-28')).toMatchObject({ is_working_day: true, is_adjusted_working_day: true });
    const off = await db.value(
      `select count(*) from ref.calendar where date between '2026-02-15' and '2026-02-23' and not is_working_day and is_holiday`,
    );
    expect(off).toBe(9);
  });

  it('takes an ordinary weekend off without calling it a holiday, and works an ordinary Monday', async () => {
    expect(await day(db, '2025-11-15')).toEqual({
      is_working_day: false,
      is_holiday: false,
      is_adjusted_working_day: false,
      holiday_name: null,
      source: 'chinese-days@1.5.7',
    });
    expect(await day(db, '2025-11-17')).toMatchObject({
      is_working_day: true,
      is_holiday: false,
      is_adjusted_working_day: false,
    });
  });

  it('counts 7 working days after a decision in SQL, skipping the National Day week', async () => {
    // Decision on Tuesday 2025-09-30: working days 10-09 (Thu), 10-10, 10-11 (Sat, adjusted), 10-13 … 10-16.
    const seventh = await db.value(
      `select date from ref.calendar where date > '2025-09-30' and is_working_day order by date limit 1 offset 6`,
    );
    expect(seventh).toBe('2025-10-16');
  });

  it('warns when as-of + 60 days runs past the last covered date', async () => {
    const c = await calendarCoverage(db, '2026-11-15', 60);
    expect(c.ok).toBe(false);
    expect(c.coveredUntil).toBe('2026-12-31');
    expect(c.message).toContain('2027-01-14');
    expect(c.message).toContain('calendar_overrides.csv');
  });

  it('is satisfied when as-of + 60 days is covered', async () => {
    const c = await calendarCoverage(db, '2026-10-31', 60);
    expect(c).toMatchObject({ ok: true, coveredUntil: '2026-12-31' });
  });

  // How fast the skipped reload is, against the first load, is measured by `npm run bench -- --only macros`.
  it('skips the rebuild while nothing changed', async () => {
    const again = await loadReference(db);
    expect(again.rebuilt).toBe(false);
  });
});

describe('calendar overrides', () => {
  it('win over the package and add a year the package lacks', async () => {
    const dir = referenceCopy();
    appendFileSync(
      join(dir, 'calendar_overrides.csv'),
      [
        '2025-10-01,true,,test: pretend the office worked on National Day',
        '2027-01-01,false,元旦,test arrangement',
        '2027-01-02,false,元旦,test arrangement',
        '2027-01-03,false,元旦,test arrangement',
        '2027-02-20,true,春节,test arrangement',
      ].join('\n') + '\n',
    );
    const ctx = await freshDb();
    try {
      const r = await loadReference(ctx.db, { dir });
      expect(r.calendarTo).toBe('2027-12-31');
      expect(await day(ctx.db, '2025-10-01')).toMatchObject({
        is_working_day: true,
        is_holiday: false,
        source: 'calendar_overrides.csv: test: pretend the office worked on National Day',
      });
      expect(await day(ctx.db, '2027-01-01')).toMatchObject({
        is_working_day: false,
        is_holiday: true,
        holiday_name: '元旦',
      });
      expect(await day(ctx.db, '2027-02-20')).toMatchObject({ is_working_day: true, is_adjusted_working_day: true });
      // An unlisted 2027 date falls back to Monday–Friday, and says so.
      expect(await day(ctx.db, '2027-03-01')).toMatchObject({
        is_working_day: true,
        source: expect.stringContaining('Mon–Fri'),
      });
      expect(await day(ctx.db, '2027-03-06')).toMatchObject({ is_working_day: false, is_holiday: false });
      expect((await calendarCoverage(ctx.db, '2026-11-15', 60)).ok).toBe(true);
    } finally {
      ctx.close();
    }
  });

  it('rebuild when the override file changes', async () => {
    const dir = referenceCopy();
    const ctx = await freshDb();
    try {
      await loadReference(ctx.db, { dir });
      appendFileSync(join(dir, 'calendar_overrides.csv'), '2025-11-17,false,test closure,test\n');
      const r = await loadReference(ctx.db, { dir });
      expect(r.rebuilt).toBe(true);
      expect(await day(ctx.db, '2025-11-17')).toMatchObject({ is_working_day: false, is_holiday: true });
    } finally {
      ctx.close();
    }
  });

  it('refuse a date listed twice, and leave the previous reference data in place', async () => {
    const dir = referenceCopy();
    const ctx = await freshDb();
    try {
      await loadReference(ctx.db, { dir });
      appendFileSync(join(dir, 'calendar_overrides.csv'), '2025-11-17,false,a,x\n2025-11-17,true,b,y\n');
      await expect(loadReference(ctx.db, { dir })).rejects.toThrow(/calendar_overrides.csv: a date may appear once/);
      expect(await day(ctx.db, '2025-11-17')).toMatchObject({ is_working_day: true });
    } finally {
      ctx.close();
    }
  });

  it('refuse a file whose header was changed', async () => {
    const dir = referenceCopy();
    writeFileSync(join(dir, 'calendar_overrides.csv'), 'date,working,name,source\n');
    const ctx = await freshDb();
    try {
      await expect(loadReference(ctx.db, { dir })).rejects.toThrow(InputError);
    } finally {
      ctx.close();
    }
  });
});
