import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { readAudit } from '../../lib/auth/audit.js';
import { productFiles } from '../../lib/followUp/productSources.js';
import { readActions } from '../../lib/followUp/store.js';
import { A, B, MARKET, TAX } from './fixtures.js';
import { DECEMBER, followUpDataDir, NOVEMBER, OFFICE, signIn, startFollowUpServer, TODAY } from './followUpFixture.js';
import type { TestServer } from './harness.js';

let dir: string;
let server: TestServer;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  dir = await followUpDataDir();
  server = await startFollowUpServer(dir);
  for (const u of ['market1', 'tax1', 'office1', 'boss', 'ana']) cookies[u] = await signIn(server.url, u);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const get = (user: string, path: string) =>
  fetch(`${server.url}${path}`, { headers: { cookie: cookies[user]! }, redirect: 'manual' });
const rowsOf = (page: string) =>
  [...page.matchAll(/<tr data-uscc="([^"]+)" data-report="([^"]+)"><td><span[^>]*data-status="(\w+)"/g)].map((m) => [
    m[2],
    m[1],
    m[3],
  ]);
const csrfOf = (page: string) => /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

async function post(
  user: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.url}/follow-up/actions`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookies[user]!, ...headers },
    body: new URLSearchParams(fields),
  });
}

async function formToken(user: string, report: string, uscc: string): Promise<string> {
  const r = await get(user, `/follow-up/record?${new URLSearchParams({ report, uscc }).toString()}`);
  expect(r.status).toBe(200);
  return csrfOf(await r.text());
}

describe('follow-up pages for a department', () => {
  it('shows only its own assignments of the latest report, overdue first, with the entity name escaped', async () => {
    const r = await get('market1', '/follow-up');
    expect(r.status).toBe(200);
    const page = await r.text();
    expect(page).toContain(`跟踪督办 · ${MARKET}`);
    expect(rowsOf(page)).toEqual([
      [DECEMBER, A, 'pending'],
      [DECEMBER, B, 'done'],
    ]);
    expect(page).toContain('厦门乙&lt;建设&gt;有限公司');
    expect(page).not.toContain('厦门乙<建设>');
    expect(page).toContain('告知（2026-01-05）');
  });

  it('points to overdue items of an earlier report hidden by the default view', async () => {
    const page = await (await get('tax1', '/follow-up')).text();
    expect(rowsOf(page)).toEqual([[DECEMBER, B, 'overdue']]);
    expect(page).toContain('往期通报另有');
    const all = await (await get('tax1', '/follow-up?report=all')).text();
    expect(rowsOf(all)).toEqual([
      [NOVEMBER, A, 'overdue'],
      [DECEMBER, B, 'overdue'],
    ]);
  });

  it('refuses another department’s list, its export and its assignments', async () => {
    expect((await get('market1', `/follow-up?department=${encodeURIComponent(TAX)}`)).status).toBe(403);
    expect((await get('market1', `/follow-up/export?department=${encodeURIComponent(TAX)}`)).status).toBe(403);
    expect((await get('market1', `/follow-up/record?report=${encodeURIComponent(DECEMBER)}&uscc=${B}`)).status).toBe(
      200,
    );
    const token = await formToken('market1', DECEMBER, A);
    const r = await post('market1', { csrf: token, report_no: NOVEMBER, uscc: A, measure: '约谈', action_date: TODAY });
    expect(r.status).toBe(404);
    expect(readActions(dir).filter((a) => a.report_no === NOVEMBER)).toEqual([]);
  });

  it('exports its own list as CSV', async () => {
    const r = await get('market1', '/follow-up/export?format=csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain(encodeURIComponent(`督办事项-${MARKET}-${TODAY}.csv`));
    const lines = (await r.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    // A file for people (dashboards/follow-up/export.ts; its columns are tested in test/dashboards/followUpExport).
    expect(lines[0]!.split(',').slice(0, 7)).toEqual([
      '办理状态',
      '通报文号',
      '通报月份',
      '通报日期',
      '统一社会信用代码',
      '主体名称',
      '责任部门',
    ]);
    expect(lines.slice(1).map((l) => [l.split(',')[4], l.split(',')[6], l.split(',')[0]])).toEqual([
      [A, MARKET, '待办理'],
      [B, MARKET, '已办结'],
    ]);
  });
});

describe('recording an action', () => {
  it('records the measure, date and note with the session’s CSRF token, marks the item done and audits it', async () => {
    const token = await formToken('market1', DECEMBER, A);
    const r = await post('market1', {
      csrf: token,
      report_no: DECEMBER,
      uscc: A,
      measure: '约谈',
      action_date: '2026-01-19',
      note: '约谈法定代表人<张三>',
    });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(
      `/follow-up?report=${encodeURIComponent(DECEMBER).replace(/%20/g, '+')}&recorded=${A}`,
    );
    const page = await (await get('market1', r.headers.get('location')!)).text();
    expect(page).toContain('已登记 厦门甲贸易有限公司 的办理情况');
    expect(rowsOf(page)).toEqual([
      [DECEMBER, A, 'done'],
      [DECEMBER, B, 'done'],
    ]);
    expect(page).toContain('约谈法定代表人&lt;张三&gt;');
    expect(readActions(dir).at(-1)).toMatchObject({
      report_no: DECEMBER,
      uscc: A,
      department: MARKET,
      measure: '约谈',
      action_date: '2026-01-19',
      note: '约谈法定代表人<张三>',
      recorded_by: 'market1',
      recorded_at: '2026-01-20T02:00:00.000Z',
    });
    const entry = (await readAudit(dir)).find((e) => e.action === 'follow_up_action');
    expect(entry).toMatchObject({
      user: 'market1',
      role: 'department',
      target: `${DECEMBER}|${A}`,
      filters: { department: MARKET, measure: '约谈', action_date: '2026-01-19' },
      rows: 1,
    });
  });

  it('refuses a POST without the token, with another session’s token, or from another site, and writes nothing', async () => {
    const before = readFileSync(productFiles.actions(dir), 'utf8');
    const fields = { report_no: DECEMBER, uscc: B, measure: '培训', action_date: TODAY };
    expect((await post('tax1', fields)).status).toBe(403);
    const marketToken = await formToken('market1', DECEMBER, B);
    expect((await post('tax1', { ...fields, csrf: marketToken })).status).toBe(403);
    const taxToken = await formToken('tax1', DECEMBER, B);
    expect((await post('tax1', { ...fields, csrf: taxToken }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('tax1', { ...fields, csrf: taxToken }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(readFileSync(productFiles.actions(dir), 'utf8')).toBe(before);
  });

  it('answers a bad measure, a date after today or before the report with the form and a Chinese message', async () => {
    const before = readFileSync(productFiles.actions(dir), 'utf8');
    const csrf = await formToken('tax1', DECEMBER, B);
    const base = { csrf, report_no: DECEMBER, uscc: B, measure: '培训', action_date: TODAY, note: '' };
    const cases: Array<[Record<string, string>, string]> = [
      [{ measure: '罚款' }, '请选择采取的措施'],
      [{ action_date: '2026-01-21' }, '办理日期不能晚于今天 2026-01-20'],
      [{ action_date: '2025-12-30' }, '办理日期不能早于通报日期 2025-12-31'],
      [{ action_date: '2026-02-30' }, '不是有效日期'],
    ];
    for (const [change, message] of cases) {
      const r = await post('tax1', { ...base, ...change });
      expect(r.status).toBe(400);
      expect(await r.text()).toContain(message);
    }
    expect(readFileSync(productFiles.actions(dir), 'utf8')).toBe(before);
  });

  it('is for department users, and for the credit office only on its coordinator rows', async () => {
    for (const user of ['boss', 'ana']) {
      expect((await get(user, `/follow-up/record?report=${encodeURIComponent(DECEMBER)}&uscc=${A}`)).status).toBe(403);
      expect((await post(user, { report_no: DECEMBER, uscc: A, measure: '告知', action_date: TODAY })).status).toBe(
        403,
      );
    }
    // B is assigned to the market and tax departments, not to the coordinator.
    expect((await get('office1', `/follow-up/record?report=${encodeURIComponent(DECEMBER)}&uscc=${B}`)).status).toBe(
      404,
    );
  });
});

describe('follow-up for the credit office and leaders', () => {
  it('shows completion per department with counts, drills to a department and exports CSV and XLSX', async () => {
    const page = await (await get('office1', '/follow-up')).text();
    const row = (d: string) =>
      new RegExp(
        `<tr data-department="${d}"><td>(?:<a[^>]*>)?${d}(?:</a>)?</td>${'<td class="num[^"]*">([^<]+)</td>'.repeat(5)}`,
      )
        .exec(page)
        ?.slice(1);
    // December only: market has both done (one recorded above), tax one overdue, the coordinator one pending.
    expect(row(MARKET)).toEqual(['2', '2', '0', '0', '100.0%']);
    expect(row(TAX)).toEqual(['1', '0', '0', '1', '0.0%']);
    expect(row(OFFICE)).toEqual(['1', '0', '1', '0', '0.0%']);
    expect(page).toContain(`href="/follow-up?department=${encodeURIComponent(TAX)}`);

    const drill = await (await get('office1', `/follow-up?department=${encodeURIComponent(TAX)}&report=all`)).text();
    expect(rowsOf(drill)).toEqual([
      [NOVEMBER, A, 'overdue'],
      [DECEMBER, B, 'overdue'],
    ]);
    expect(drill).not.toContain('登记措施');

    const csv = await (await get('office1', '/follow-up/export?format=csv&report=all')).text();
    expect(
      csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toEqual([
      '部门,交办,已办结,其中逾期办结,待办理,已逾期,办结率',
      `${TAX},2,0,0,0,2,0.0%`,
      `${OFFICE},1,0,0,1,0,0.0%`,
      `${MARKET},2,2,0,0,0,100.0%`,
    ]);
    const x = await get('office1', `/follow-up/export?format=xlsx&department=${encodeURIComponent(TAX)}&report=all`);
    expect(x.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    expect(
      [2, 3].map((i) => [
        sheet.getRow(i).getCell(2).value,
        sheet.getRow(i).getCell(5).value,
        sheet.getRow(i).getCell(1).value,
      ]),
    ).toEqual([
      [NOVEMBER, A, '已逾期'],
      [DECEMBER, B, '已逾期'],
    ]);
  });

  it('lets the credit office record its own coordinator row and returns to the coordinator’s list', async () => {
    const csrf = await formToken('office1', DECEMBER, A);
    const r = await post('office1', {
      csrf,
      report_no: DECEMBER,
      uscc: A,
      measure: '约谈',
      action_date: '2026-01-18',
      note: '牵头约谈',
    });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(
      `/follow-up?${new URLSearchParams({ department: OFFICE, report: DECEMBER, recorded: A }).toString()}`,
    );
    const list = await (await get('office1', r.headers.get('location')!)).text();
    expect(rowsOf(list)).toEqual([[DECEMBER, A, 'done']]);
    expect(list).toContain('已登记 厦门甲贸易有限公司 的办理情况');
    expect(readActions(dir).at(-1)).toMatchObject({ department: OFFICE, recorded_by: 'office1', measure: '约谈' });
    // Another department's list stays read-only for the credit office.
    expect(await (await get('office1', `/follow-up?department=${encodeURIComponent(MARKET)}`)).text()).not.toContain(
      '登记措施',
    );
  });

  it('gives leaders and analysts the counts only: no drill, no export, no lists', async () => {
    for (const user of ['boss', 'ana']) {
      const r = await get(user, '/follow-up');
      expect(r.status).toBe(200);
      const page = await r.text();
      expect(page).toContain('各部门办结情况');
      expect(page).not.toContain('href="/follow-up?department=');
      expect(page).not.toContain('/follow-up/export');
      expect((await get(user, `/follow-up?department=${encodeURIComponent(MARKET)}`)).status).toBe(403);
      expect((await get(user, '/follow-up/export?format=csv')).status).toBe(403);
    }
  });

  it('audits every view and export with the user, the department and the rows', async () => {
    const entries = await readAudit(dir);
    expect(
      entries.filter((e) => e.action === 'follow_up_view' && e.user === 'office1').map((e) => [e.target, e.rows]),
    ).toContainEqual([TAX, 2]);
    expect(
      entries.filter((e) => e.action === 'follow_up_export').map((e) => [e.user, e.target, e.format, e.rows]),
    ).toEqual([
      ['market1', MARKET, 'csv', 2],
      ['office1', 'all', 'csv', 3],
      ['office1', TAX, 'xlsx', 2],
    ]);
    expect(entries.every((e) => e.build_id === 'b20251231a')).toBe(true);
  });

  it('names an unknown report instead of showing an empty list', async () => {
    const r = await get('office1', `/follow-up?report=${encodeURIComponent('信用办〔2030〕9号')}`);
    expect(r.status).toBe(404);
    expect(await r.text()).toContain('没有已印发的筛查通报“信用办〔2030〕9号”');
  });

  it('asks a visitor without a session to sign in', async () => {
    const r = await fetch(`${server.url}/follow-up`, { redirect: 'manual' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/login?next=%2Ffollow-up');
    expect(existsSync(productFiles.actions(dir))).toBe(true);
  });
});
