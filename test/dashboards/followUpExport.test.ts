/**
 * 跟踪督办's exports are files for people like every page's (issue 18 item 9): read back over HTTP from a
 * real server, the XLSX has Chinese titles, the page's words instead of codes, Excel dates, the recording
 * time in Shanghai time, widths, a frozen header and an auto-filter.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, B, MARKET, TAX } from '../server/fixtures.js';
import { DECEMBER, followUpDataDir, NOVEMBER, OFFICE, signIn, startFollowUpServer } from '../server/followUpFixture.js';
import type { TestServer } from '../server/harness.js';

let server: TestServer;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  server = await startFollowUpServer(await followUpDataDir());
  for (const u of ['market1', 'office1']) cookies[u] = await signIn(server.url, u);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

async function workbook(user: string, path: string): Promise<{ ws: ExcelJS.Worksheet; disposition: string }> {
  const r = await fetch(`${server.url}${path}`, { headers: { cookie: cookies[user]! } });
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as unknown as ExcelJS.Buffer);
  return { ws: wb.worksheets[0]!, disposition: r.headers.get('content-disposition') ?? '' };
}

const header = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
const byTitle = (ws: ExcelJS.Worksheet, row: number) =>
  Object.fromEntries(header(ws).map((h, i) => [String(h), ws.getRow(row).getCell(i + 1).value]));

describe('the follow-up exports for people', () => {
  it('gives a department its list with Chinese titles, words for codes and Excel dates', async () => {
    const { ws, disposition } = await workbook('market1', '/follow-up/export?format=xlsx');
    expect(disposition).toContain(encodeURIComponent(`督办事项-${MARKET}-`));
    expect(ws.name).toBe(MARKET);
    expect(header(ws)).toEqual([
      '办理状态',
      '通报文号',
      '通报月份',
      '通报日期',
      '统一社会信用代码',
      '主体名称',
      '责任部门',
      '职责',
      '要求措施',
      '办结期限',
      '已采取措施',
      '办理日期',
      '办理情况说明',
      '登记人',
      '登记时间',
      '佐证材料',
    ]);
    expect(ws.rowCount).toBe(3);
    const pending = byTitle(ws, 2);
    expect(pending).toMatchObject({
      办理状态: '待办理',
      通报文号: DECEMBER,
      统一社会信用代码: A,
      职责: '牵头处置',
      要求措施: '约谈',
      通报日期: new Date(Date.UTC(2025, 11, 31)),
      办结期限: new Date(Date.UTC(2026, 0, 30)),
    });
    const done = byTitle(ws, 3);
    expect(done).toMatchObject({
      办理状态: '已办结',
      主体名称: '厦门乙<建设>有限公司',
      已采取措施: '告知',
      办理日期: new Date(Date.UTC(2026, 0, 5)),
      办理情况说明: '已书面告知',
      登记人: 'market0',
    });
    // Recorded at 03:00 UTC: 11:00 in Shanghai, written as that wall-clock time.
    expect(done['登记时间']).toEqual(new Date(Date.UTC(2026, 0, 5, 11, 0, 0)));
    const col = (title: string) => ws.getColumn(header(ws).indexOf(title) + 1);
    expect(col('办结期限').numFmt).toBe('yyyy-mm-dd');
    expect(col('登记时间').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(col('主体名称').width).toBeGreaterThanOrEqual(20);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
  });

  it('names the coordinator’s rows 统筹协调 and gives the credit office completion as numbers, the most overdue first', async () => {
    const coordinator = await workbook(
      'office1',
      `/follow-up/export?format=xlsx&report=all&department=${encodeURIComponent(OFFICE)}`,
    );
    expect(byTitle(coordinator.ws, 2)).toMatchObject({ 职责: '统筹协调', 要求措施: '牵头协调（约谈）' });

    const { ws, disposition } = await workbook('office1', '/follow-up/export?format=xlsx&report=all');
    expect(disposition).toContain(encodeURIComponent('办结情况-'));
    expect(header(ws)).toEqual(['部门', '交办', '已办结', '其中逾期办结', '待办理', '已逾期', '办结率']);
    const rows = [2, 3, 4].map((r) => byTitle(ws, r));
    expect(rows.map((r) => r['部门'])).toEqual([TAX, OFFICE, MARKET]);
    expect(rows[0]).toMatchObject({ 交办: 2, 已办结: 0, 已逾期: 2, 办结率: 0 });
    expect(rows[2]).toMatchObject({ 交办: 2, 已办结: 1, 待办理: 1, 办结率: 0.5 });
    expect(ws.getColumn(7).numFmt).toBe('0.0%');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // The credit office drills to any department; a November item of the tax office is in its list.
    const tax = await workbook(
      'office1',
      `/follow-up/export?format=xlsx&report=all&department=${encodeURIComponent(TAX)}`,
    );
    expect([2, 3].map((r) => [byTitle(tax.ws, r)['通报文号'], byTitle(tax.ws, r)['统一社会信用代码']])).toEqual([
      [NOVEMBER, A],
      [DECEMBER, B],
    ]);
  });
});
