/** The runs page names the last day of the working-day calendar (issue 12, item 13). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../lib/auth/roles.js';
import { loadReference } from '../../lib/reference/index.js';
import { runsPage } from '../../dashboards/runs/page.js';
import { calendarEnd } from '../../dashboards/runs/query.js';
import { freshDb } from './helpers.js';

describe('the calendar coverage on the runs page', () => {
  let ctx: Awaited<ReturnType<typeof freshDb>>;
  beforeAll(async () => {
    ctx = await freshDb();
  });
  afterAll(() => ctx.close());

  it('is null before ref.calendar exists, then its last date', async () => {
    expect(await calendarEnd(ctx.db)).toBeNull();
    await loadReference(ctx.db);
    const end = await calendarEnd(ctx.db);
    expect(end).toBe(await ctx.db.value<string>('select cast(max(date) as varchar) from ref.calendar'));
    expect(end).toMatch(/^\d{4}-12-31$/);
  });

  it('is printed as 工作日历覆盖至 <date>', () => {
    const admin: Principal = { name: 'admin', role: 'admin', department: null, via: 'session' };
    const view = {
      build: null,
      records: { builds: [], models: [], tests: [] },
      history: { source: 'no_warehouse' as const, builds: [] },
      lineage: { nodes: [], edges: [] },
      calendarEnd: '2026-12-31',
    };
    const page = runsPage(admin, view as unknown as Parameters<typeof runsPage>[1], { lang: 'zh', url: '/runs' });
    expect(page).toMatch(/<span class="n">2026-12-31<\/span><span class="label">工作日历覆盖至<\/span>/);
  });
});
