/**
 * 移出与修复 and 政务诚信 over the shared world served for real: the `exits`, `government-integrity` and
 * `supervision-indicators` datasets' shape and types (JSON and CSV), rights by role and department scope, a
 * department marking an item taken down (audited, refused for another department's item, a bad or future
 * date, an unknown item), the pages by role, and the people's XLSX read back.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../lib/auth/audit.js';
import { DATASETS } from '../../lib/datasets.js';
import { readMarks } from '../../lib/exits/store.js';
import { EXITS_PAGE_SIZE } from '../../dashboards/exits/page.js';
import { dashboardWorld, type DashboardWorld } from './dashboardsWorld.js';
import { bearer, userWithToken } from './harness.js';

type Exit = {
  item_id: string;
  kind: string;
  department: string;
  uscc: string;
  trigger_date: string;
  due_date: string | null;
  status: string;
  completed_date: string | null;
};

const LIST_AUTHORITY = '厦门市市场监督管理局';

let world: DashboardWorld;
let dept: string;
let other: string;
let exits: Exit[];

const get = (path: string, token = world.tokens.analyst) => fetch(`${world.server.url}${path}`, bearer(token));
const rows = async <T>(dataset: string, token = world.tokens.analyst, query = ''): Promise<T[]> => {
  const res = await get(`/api/v1/datasets/${dataset}?limit=10000${query}`, token);
  expect(res.status, dataset).toBe(200);
  return ((await res.json()) as { rows: T[] }).rows;
};
/** The items the page lists, page after page until it has no next page; and how many pages that took. */
async function shownOnEveryPage(path: string, token: string): Promise<{ items: string[]; pages: number }> {
  const items: string[] = [];
  for (let page = 1; ; page++) {
    const html = await (await get(`${path}${path.includes('?') ? '&' : '?'}page=${page}`, token)).text();
    items.push(...[...html.matchAll(/data-item="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')));
    if (!html.includes('rel="next"')) return { items, pages: page };
  }
}
const mark = (token: string, fields: Record<string, string>) =>
  fetch(`${world.server.url}/exits/mark`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...bearer(token).headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

beforeAll(async () => {
  world = await dashboardWorld();
  dept = await userWithToken(world.dataDir, 'market14', 'department', LIST_AUTHORITY);
  other = await userWithToken(world.dataDir, 'tax14', 'department', '国家税务总局厦门市海沧区税务局');
  exits = await rows<Exit>('exits');
}, 600_000);

afterAll(async () => {
  await world?.server.stop();
});

describe('the exits dataset', () => {
  it('has the interfaces.md columns, typed and sorted, and every kind of item', async () => {
    const spec = DATASETS.find((d) => d.name === 'exits')!;
    expect(exits.length).toBeGreaterThan(50);
    for (const r of exits) {
      expect(Object.keys(r)).toEqual(spec.columns);
      expect(r.trigger_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.due_date === null || /^\d{4}-\d{2}-\d{2}$/.test(r.due_date)).toBe(true);
      expect(['done', 'overdue', 'pending']).toContain(r.status);
    }
    expect(exits.map((r) => r.item_id)).toEqual([...exits.map((r) => r.item_id)].sort());
    expect(new Set(exits.map((r) => r.kind))).toEqual(
      new Set(['publication_ended', 'repair_decided', 'serious_list_repaired']),
    );
    const csv = parse(await (await get('/api/v1/datasets/exits?format=csv')).text(), { columns: true, bom: true });
    expect(csv).toHaveLength(exits.length);
    expect(Object.keys(csv[0] as object)).toEqual(spec.columns);
  });

  it('filters by equality on its columns', async () => {
    const overdue = await rows<Exit>('exits', world.tokens.analyst, '&status=overdue');
    expect(overdue.length).toBe(exits.filter((r) => r.status === 'overdue').length);
    expect(overdue.every((r) => r.status === 'overdue')).toBe(true);
  });

  it('gives a department user its own department’s items only, and leaders none', async () => {
    const own = await rows<Exit>('exits', dept);
    expect(own.length).toBeGreaterThan(0);
    expect(own).toEqual(exits.filter((r) => r.department === LIST_AUTHORITY));
    for (const name of ['exits', 'government-integrity'])
      expect((await get(`/api/v1/datasets/${name}`, world.tokens.leader)).status, name).toBe(403);
    expect((await get('/api/v1/datasets/supervision-indicators', world.tokens.leader)).status).toBe(200);
  });
});

describe('government integrity and the supervision indicators', () => {
  it('lists government bodies with typed counts and evidence arrays', async () => {
    const bodies = await rows<Record<string, unknown>>('government-integrity');
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    for (const b of bodies) {
      expect(['11', '12']).toContain(b.registration_category);
      expect((b.uscc as string).slice(0, 2)).toBe(b.registration_category);
      expect(Array.isArray(b.evidence)).toBe(true);
      expect((b.evidence as string[]).length).toBe(
        (b.court_case_count as number) + (b.broken_commitment_count as number) + (b.arrears_account_count as number),
      );
    }
  });

  it('has the three indicators with numeric values and boolean met', async () => {
    const ind = await rows<Record<string, unknown>>('supervision-indicators', world.tokens.leader);
    expect(ind.map((r) => r.indicator_id)).toEqual([
      'government_court_listed',
      'repairs_in_time_share',
      'serious_list_exit_share',
    ]);
    for (const r of ind) {
      expect(r.value === null || typeof r.value === 'number').toBe(true);
      expect(typeof r.met).toBe('boolean');
    }
    // The city's 13 stay as they were.
    expect(await rows('indicators', world.tokens.leader)).toHaveLength(13);
  });
});

describe('the 移出与修复 and 政务诚信 pages', () => {
  it('refuses leaders, shows analysts every department and department users their own', async () => {
    for (const path of ['/exits', '/government', '/exits/export', '/government/export'])
      expect((await get(path, world.tokens.leader)).status, path).toBe(403);
    const all = await (await get('/exits')).text();
    expect(all).toContain('各部门办理情况');
    const own = await get('/exits', dept);
    expect(own.status).toBe(200);
    const { items: shown } = await shownOnEveryPage('/exits', dept);
    expect(new Set(shown)).toEqual(new Set(exits.filter((r) => r.department === LIST_AUTHORITY).map((r) => r.item_id)));
    expect((await get(`/exits?department=${encodeURIComponent('国家税务总局厦门市海沧区税务局')}`, dept)).status).toBe(
      403,
    );
    expect((await get('/exits?status=lost', dept)).status).toBe(400);
    const gov = await (await get('/government')).text();
    expect(gov).toContain('厦门海沧边界区某局');
    expect(gov).toContain('厦门海沧边界区某中心');
  });

  it(`lists ${EXITS_PAGE_SIZE} items a page, every item on exactly one page, overdue first`, async () => {
    // The shared world has more than one page of them, so the pages are exercised.
    expect(exits.length).toBeGreaterThan(EXITS_PAGE_SIZE);
    const { items, pages } = await shownOnEveryPage('/exits', world.tokens.analyst);
    expect(items).toHaveLength(exits.length);
    expect(new Set(items)).toEqual(new Set(exits.map((r) => r.item_id)));
    expect(pages).toBe(Math.max(1, Math.ceil(exits.length / EXITS_PAGE_SIZE)));
    const status = new Map(exits.map((r) => [r.item_id, r.status]));
    const overdue = items.map((i) => status.get(i) === 'overdue');
    expect(overdue).toEqual([...overdue].sort((a, b) => Number(b) - Number(a)));
    // The figures count the whole filter, not the page.
    const html = await (await get('/exits?page=2')).text();
    const n = exits.filter((r) => r.status === 'overdue').length;
    expect(html).toMatch(new RegExp(`${n}\\s*</[a-z]+>\\s*<[a-z]+[^>]*>\\s*逾期未移出`));
  });

  it('shows the supervision indicators on the indicators page, leaders included', async () => {
    const page = await (await get('/indicators', world.tokens.leader)).text();
    expect(page).toContain('移出修复与政务诚信指标');
    expect(page).toContain('data-indicator="government_court_listed"');
  });

  it('lets the department mark its own overdue item, audited, and refuses what it may not mark', async () => {
    const item = exits.find((r) => r.department === LIST_AUTHORITY && r.status === 'overdue')!;
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    expect((await mark(other, { item_id: item.item_id, done_date: today })).status).toBe(403);
    expect((await mark(world.tokens.analyst, { item_id: item.item_id, done_date: today })).status).toBe(403);
    expect((await mark(dept, { item_id: item.item_id, done_date: '2025-13-01' })).status).toBe(400);
    expect((await mark(dept, { item_id: item.item_id, done_date: '2099-01-01' })).status).toBe(400);
    expect((await mark(dept, { item_id: 'repair_decided:penalties:none', done_date: today })).status).toBe(404);
    expect(readMarks(world.dataDir)).toEqual([]);

    const res = await mark(dept, { item_id: item.item_id, done_date: today, note: '已在信用网站撤下' });
    expect(res.status).toBe(303);
    expect(readMarks(world.dataDir)).toMatchObject([
      {
        item_id: item.item_id,
        department: LIST_AUTHORITY,
        done_date: today,
        note: '已在信用网站撤下',
        recorded_by: 'market14',
      },
    ]);
    const audit = (await readAudit(world.dataDir)).filter((e) => e.action === 'exit_mark');
    expect(audit).toMatchObject([{ user: 'market14', target: item.item_id, rows: 1 }]);
    const html = await (await get('/exits', dept)).text();
    const row = html.slice(html.indexOf(`data-item="${item.item_id.replaceAll('&', '&amp;')}"`));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('data-status="marked"');
  });

  it('downloads the worklist as XLSX with the marks, audited like the page', async () => {
    const res = await get('/exits/export?format=xlsx', dept);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const ws = book.worksheets[0]!;
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    expect(header).toEqual([
      '状态',
      '类型',
      '责任部门',
      '主体名称',
      '统一社会信用代码',
      '记录',
      '起算日',
      '应移出日期',
      '完成日期',
      '标记移出日期',
      '标记备注',
    ]);
    const data: ExcelJS.CellValue[][] = [];
    ws.eachRow((r, n) => n > 1 && data.push((r.values as ExcelJS.CellValue[]).slice(1)));
    const own = exits.filter((r) => r.department === LIST_AUTHORITY);
    expect(data.map((r) => r[4]).sort()).toEqual(own.map((r) => r.uscc).sort());
    expect(data.every((r) => r[2] === LIST_AUTHORITY)).toBe(true);
    expect(data.filter((r) => r[10] === '已在信用网站撤下')).toHaveLength(1);
    expect(data.find((r) => r[6] !== null)?.[6]).toBeInstanceOf(Date);
    const audit = (await readAudit(world.dataDir)).filter((e) => e.action === 'page_export' && e.target === '/exits');
    expect(audit.at(-1)).toMatchObject({ user: 'market14', format: 'xlsx', rows: own.length });
  });
});
