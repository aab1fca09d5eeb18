/**
 * 红黑榜 over the shared world served for real: the `red-list` and `black-list` datasets' shape and types
 * (JSON and CSV), sorted; rights as for the entity lists (leaders 403, department users every row — the
 * lists are nobody's department); the page by role, audited; the people's XLSX read back.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../lib/auth/audit.js';
import { DATASETS } from '../../lib/datasets.js';
import { dashboardWorld, type DashboardWorld } from './dashboardsWorld.js';
import { bearer, userWithToken } from './harness.js';

type Red = { uscc: string; name: string | null; score: number; tax_year: number };
type Black = { uscc: string; name: string | null; reasons: string[]; serious_entries: string[] };

let world: DashboardWorld;
let dept: string;
let red: Red[];
let black: Black[];

const get = (path: string, token = world.tokens.analyst) => fetch(`${world.server.url}${path}`, bearer(token));
const rows = async <T>(dataset: string, token = world.tokens.analyst, query = ''): Promise<T[]> => {
  const res = await get(`/api/v1/datasets/${dataset}?limit=10000${query}`, token);
  expect(res.status, dataset).toBe(200);
  return ((await res.json()) as { rows: T[] }).rows;
};
const sortedBy = <T>(xs: T[], key: (x: T) => string) =>
  [...xs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

beforeAll(async () => {
  world = await dashboardWorld();
  dept = await userWithToken(world.dataDir, 'market15', 'department', '厦门市市场监督管理局');
  red = await rows<Red>('red-list');
  black = await rows<Black>('black-list');
}, 600_000);

afterAll(async () => {
  await world?.server.stop();
});

describe('the red-list and black-list datasets', () => {
  it('have their columns, typed, sorted by uscc', async () => {
    expect(red.length).toBeGreaterThan(0);
    expect(black.length).toBeGreaterThan(0);
    const lists: Array<[string, Array<{ uscc: string }>]> = [
      ['red-list', red],
      ['black-list', black],
    ];
    for (const [name, list] of lists) {
      const spec = DATASETS.find((d) => d.name === name)!;
      for (const r of list) expect(Object.keys(r)).toEqual(spec.columns);
      expect(list.map((r) => r.uscc)).toEqual(sortedBy(list, (r) => r.uscc).map((r) => r.uscc));
    }
    for (const r of red) {
      expect(r.uscc).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
      expect(Number.isInteger(r.score) && r.score >= 95).toBe(true);
      expect(Number.isInteger(r.tax_year)).toBe(true);
    }
    for (const r of black) {
      expect(r.reasons.length).toBeGreaterThan(0);
      expect(r.reasons.every((x) => ['persistent_violator', 'serious_list'].includes(x))).toBe(true);
      expect(r.reasons.includes('serious_list')).toBe(r.serious_entries.length > 0);
      expect(r.serious_entries.every((e) => e.startsWith('serious_list:'))).toBe(true);
    }
    expect(black.some((r) => r.reasons.includes('persistent_violator'))).toBe(true);
  });

  it('never hold one entity on both lists; every red entity is grade A', async () => {
    const blackSet = new Set(black.map((r) => r.uscc));
    expect(red.filter((r) => blackSet.has(r.uscc))).toEqual([]);
    const grades = new Map(
      (await rows<{ uscc: string; grade: string }>('credit-grades')).map((g) => [g.uscc, g.grade]),
    );
    expect(red.filter((r) => grades.get(r.uscc) !== 'A')).toEqual([]);
  });

  it('answer CSV with lists joined by |, and filter a list column by containment', async () => {
    const csv = parse(await (await get('/api/v1/datasets/black-list?format=csv')).text(), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    expect(csv.map((r) => r.uscc)).toEqual(black.map((r) => r.uscc));
    expect(csv.map((r) => r.reasons)).toEqual(black.map((r) => r.reasons.join('|')));
    const persistent = await rows<Black>('black-list', world.tokens.analyst, '&reasons=persistent_violator');
    expect(persistent.map((r) => r.uscc)).toEqual(
      black.filter((r) => r.reasons.includes('persistent_violator')).map((r) => r.uscc),
    );
  });

  it('are refused to leaders and to callers without a token, and whole for department users', async () => {
    for (const d of ['red-list', 'black-list']) {
      expect((await get(`/api/v1/datasets/${d}`, world.tokens.leader)).status).toBe(403);
      expect((await fetch(`${world.server.url}/api/v1/datasets/${d}`)).status).toBe(401);
    }
    expect((await rows<Black>('black-list', dept)).map((r) => r.uscc)).toEqual(black.map((r) => r.uscc));
    expect((await rows<Red>('red-list', dept)).length).toBe(red.length);
  });
});

describe('the 红黑榜 page', () => {
  it('shows both lists to an analyst, audited, and refuses a leader', async () => {
    const res = await get('/lists');
    expect(res.status).toBe(200);
    const page = await res.text();
    for (const r of [...red, ...black]) expect(page).toContain(`data-uscc="${r.uscc}"`);
    expect((await get('/lists', world.tokens.leader)).status).toBe(403);
    expect((await get('/lists/export?format=xlsx', world.tokens.leader)).status).toBe(403);
    const audit = await readAudit(world.dataDir);
    expect(audit.some((a) => a.action === 'page_view' && a.target === '/lists' && a.user === 'ana')).toBe(true);
  });

  it('downloads the people’s XLSX with the same rows', async () => {
    const res = await get('/lists/export?format=xlsx');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['红名单', '黑名单', '列入与移出']);
    const codes = (w: ExcelJS.Worksheet) => {
      const out: string[] = [];
      w.eachRow((row) => {
        const v = String(row.getCell(2).value ?? '');
        if (/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v)) out.push(v);
      });
      return out.sort();
    };
    expect(codes(wb.getWorksheet('红名单')!)).toEqual(red.map((r) => r.uscc).sort());
    expect(codes(wb.getWorksheet('黑名单')!)).toEqual(black.map((r) => r.uscc).sort());
  });
});
