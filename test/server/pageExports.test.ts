/**
 * Issue 18 items 9, 10 and 15 over the shared world served for real: every page table downloads as a file
 * for people (Chinese titles, labels, Excel dates, frozen header, auto-filter), read back with exceljs and
 * csv-parse and compared with the API's dataset; every download is audited and scoped like its page; the
 * 退回清单 holds the quarantine's rows in Chinese; leaders get the project board but no drill, and no ops pages.
 */
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../lib/auth/audit.js';
import { withDb } from '../../lib/db.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { dashboardWorld, type DashboardWorld } from './dashboardsWorld.js';
import { bearer, userWithToken } from './harness.js';

let world: DashboardWorld;
let dept: { token: string; name: string };
let buildId: string;

beforeAll(async () => {
  world = await dashboardWorld();
  buildId = readPointer(world.dataDir)!.build_id;
  // A department with warnings of its own, so its scoped exports have rows to show and rows to hide.
  const file = join(world.dataDir, readPointer(world.dataDir)!.file);
  const name = await withDb(file, { readOnly: true }, (db) =>
    db.value<string>(
      `select department from publicity_quality where department in (select subject_id from warnings)
       order by department limit 1`,
    ),
  );
  dept = { name, token: await userWithToken(world.dataDir, 'dep18', 'department', name) };
}, 600_000);

afterAll(async () => {
  await world?.server.stop();
});

const get = (path: string, token = world.tokens.analyst) => fetch(`${world.server.url}${path}`, bearer(token));

async function workbook(path: string, token?: string): Promise<ExcelJS.Workbook> {
  const res = await get(path, token);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type'), path).toContain('spreadsheetml');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}

/** A sheet's header row and its data rows as objects keyed by the header. */
function rowsOf(ws: ExcelJS.Worksheet): { header: string[]; rows: Array<Record<string, ExcelJS.CellValue>> } {
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Array<Record<string, ExcelJS.CellValue>> = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = (row.values as ExcelJS.CellValue[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, v[i] ?? null])));
  });
  return { header, rows };
}

async function api<T>(dataset: string, token = world.tokens.admin, query = ''): Promise<{ total: number; rows: T[] }> {
  return (await (await get(`/api/v1/datasets/${dataset}?limit=10000${query}`, token)).json()) as {
    total: number;
    rows: T[];
  };
}

describe('every page table as a file for people', () => {
  it('is offered on each page beside its table', async () => {
    for (const [page, link] of [
      ['/warnings', '/warnings/export?format=xlsx'],
      ['/projects', '/projects/export?format=xlsx'],
      ['/publicity', '/publicity/export?format=xlsx'],
      ['/indicators', '/indicators/export?format=xlsx'],
      ['/heatmap', '/heatmap/export?view=township&amp;format=xlsx'],
      ['/heatmap?view=month', '/heatmap/export?view=month&amp;format=xlsx'],
      ['/heatmap/cell?sector=C', '/heatmap/cell/export?sector=C&amp;format=xlsx'],
    ]) {
      const html = await (await get(page!)).text();
      expect(html, page).toContain(`href="${link}"`);
    }
  });

  it('writes the warnings in Chinese with Excel dates, a frozen header and an auto-filter, equal to the API', async () => {
    const book = await workbook('/warnings/export?format=xlsx');
    const ws = book.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:${String.fromCharCode(64 + ws.columnCount)}1`);
    const { header, rows } = rowsOf(ws);
    expect(header).toEqual(['级别', '类型', '对象', '对象标识', '状态', '所指期间', '首次发现', '证据条数', '证据']);
    const all = await api<{ subject_id: string; level: string; kind: string; first_seen: string }>('warnings');
    expect(rows.length).toBe(all.total);
    expect(new Set(rows.map((r) => r['级别']))).toEqual(
      new Set(all.rows.map((r) => ({ red: '红', orange: '橙', yellow: '黄', green: '绿' })[r.level])),
    );
    expect(rows.map((r) => r['对象标识']).sort()).toEqual(all.rows.map((r) => r.subject_id).sort());
    // Dates are dates in Excel, not text; codes became labels.
    expect(rows.every((r) => r['首次发现'] instanceof Date)).toBe(true);
    expect(rows.some((r) => /^[a-z_]+$/.test(String(r['类型'])))).toBe(false);
    expect(ws.getColumn(7).numFmt).toBe('yyyy-mm-dd');
    // A department warning names the month it judges: the last month that ended before the as-of.
    const monthly = rows.filter((r) => String(r['类型']).startsWith('部门公示'));
    expect(monthly.length).toBeGreaterThan(0);
    expect(new Set(monthly.map((r) => r['所指期间']))).toEqual(new Set(['2025-11']));
  });

  it('narrows a filtered export as the page is narrowed, and a department user to its own warnings', async () => {
    const orange = rowsOf((await workbook('/warnings/export?format=xlsx&level=orange')).worksheets[0]!).rows;
    expect(orange.length).toBe((await api('warnings', world.tokens.admin, '&level=orange')).total);
    expect(new Set(orange.map((r) => r['级别']))).toEqual(new Set(['橙']));
    const own = rowsOf((await workbook('/warnings/export?format=xlsx', dept.token)).worksheets[0]!).rows;
    expect(own.length).toBe((await api('warnings', dept.token)).total);
    expect(new Set(own.map((r) => r['对象标识']))).toEqual(new Set([dept.name]));
  });

  it('writes CSV with a BOM, Chinese titles and percentages as Excel reads them, scoped for a department user', async () => {
    const res = await get('/publicity/export?format=csv&month=2025-11', dept.token);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain('双公示质量-2025-12-31.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['部门'] === dept.name && r['月份'] === '2025-11')).toBe(true);
    expect(rows[0]!['及时率']).toMatch(/^\d+\.\d%$/);
    const all = rowsOf((await workbook('/publicity/export?format=xlsx&month=2025-11')).worksheets[0]!).rows;
    const expected = await api<{ department: string }>('publicity-quality', world.tokens.admin, '&month=2025-11');
    expect(all.map((r) => r['部门']).sort()).toEqual(expected.rows.map((r) => r.department).sort());
    expect(all.some((r) => r['部门'] !== dept.name)).toBe(true);
  });

  it('writes each indicator in its one unit, the projects board, the heatmap cells and a cell’s enterprises', async () => {
    const ind = rowsOf((await workbook('/indicators/export')).worksheets[0]!).rows;
    const uscc = ind.find((r) => r['指标代码'] === 'uscc_error_rate')!;
    expect(uscc['当前值']).toMatch(/‱$/);
    expect(uscc['目标']).toBe('< 1.0‱');
    const board = rowsOf((await workbook('/projects/export')).worksheets[0]!).rows;
    expect(board.length).toBe((await api('key-project-risk')).total);
    expect(new Set(board.map((r) => r['风险级别']))).toEqual(new Set(['红', '橙', '黄', '绿']));
    const cells = rowsOf((await workbook('/heatmap/export?view=township')).worksheets[0]!).rows;
    const heat = await api<{ events: number }>('sector-heatmap');
    expect(cells.reduce((s, r) => s + Number(r['计入的违法事件']), 0)).toBe(
      heat.rows.reduce((s, r) => s + r.events, 0),
    );
    expect(cells.some((r) => String(r['乡镇（街道）']).endsWith('街道'))).toBe(true);
    expect(cells.some((r) => r['行业门类'] === '批发和零售业')).toBe(true);
    const enterprises = rowsOf((await workbook('/heatmap/cell/export?sector=F')).worksheets[0]!).rows;
    expect(enterprises.length).toBeGreaterThan(0);
    expect(enterprises.every((r) => r['最近一次'] instanceof Date)).toBe(true);
  });

  it('writes a profile as one sheet per table, identity numbers masked for an analyst', async () => {
    const { rows } = await api<{ uscc: string }>('cross-domain-violators');
    const uscc = rows[0]!.uscc;
    const page = await (await get(`/entities/${uscc}`)).text();
    expect(page).toContain(`href="/entities/${uscc}/export?format=xlsx"`);
    const book = await workbook(`/entities/${uscc}/export?format=xlsx`);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '登记信息',
      '失信标记',
      '预警',
      '行政处罚',
      '其他违法事件',
      '名单',
      '信用承诺',
      '参与的重点项目',
      '关联法定代表人',
    ]);
    const reg = rowsOf(book.getWorksheet('登记信息')!).rows[0]!;
    expect(reg['统一社会信用代码']).toBe(uscc);
    expect(String(reg['法定代表人证件号'])).toMatch(/\*{8}/);
    const admin = rowsOf((await workbook(`/entities/${uscc}/export`, world.tokens.admin)).getWorksheet('登记信息')!);
    expect(String(admin.rows[0]!['法定代表人证件号'])).toMatch(/^\d{17}[\dX]$/);
    expect(rowsOf(book.getWorksheet('失信标记')!).rows.map((r) => r['标记'])).toContain('多个领域多次违法');
  });

  it('audits every download like its page: who, what, the filter, how many rows and the build', async () => {
    const before = (await readAudit(world.dataDir)).length;
    await (await get('/warnings/export?format=csv&level=red')).arrayBuffer();
    await (await get('/heatmap/export?view=month')).arrayBuffer();
    await (await get('/projects/export', world.tokens.leader)).arrayBuffer();
    const lines = (await readAudit(world.dataDir)).slice(before);
    expect(lines).toEqual([
      expect.objectContaining({
        user: 'ana',
        action: 'page_export',
        target: '/warnings',
        filters: { level: 'red' },
        format: 'csv',
        rows: (await api('warnings', world.tokens.admin, '&level=red')).total,
        build_id: buildId,
      }),
      expect.objectContaining({ user: 'ana', action: 'page_export', target: '/heatmap', filters: { view: 'month' } }),
      expect.objectContaining({ user: 'lead', action: 'page_export', target: '/projects', format: 'xlsx' }),
    ]);
  });
});

describe('退回清单 (issue 18 item 10)', () => {
  it('holds every quarantined row in Chinese, one sheet per delivered file under its delivered headers', async () => {
    const q = await api<{ file: string; row_number: number; reason: string; raw: Record<string, string | null> }>(
      'quarantine',
    );
    expect(q.total).toBeGreaterThan(0);
    const book = await workbook('/quarantine/returns');
    const summary = rowsOf(book.worksheets[0]!);
    expect(book.worksheets[0]!.name).toBe('说明');
    expect(summary.header).toEqual(['数据类别', '报送文件', '退回行数', '工作表', '处理办法']);
    const files = [...new Set(q.rows.map((r) => r.file))];
    expect(summary.rows.map((r) => r['报送文件']).sort()).toEqual(files.sort());
    for (const r of q.rows) {
      const s = summary.rows.find((x) => x['报送文件'] === r.file)!;
      const { header, rows } = rowsOf(book.getWorksheet(String(s['工作表']))!);
      expect(header.slice(0, 3)).toEqual(['行号', '退回原因', '如何修改']);
      expect(header.slice(3)).toEqual(Object.keys(r.raw));
      const row = rows.find((x) => x['行号'] === r.row_number)!;
      expect(String(row['退回原因'])).not.toContain(r.reason.split(':')[0]);
      expect(String(row['退回原因'])).toMatch(/[\u4e00-\u9fff]/);
      expect(String(row['如何修改'])).toContain('重新报送');
      for (const [h, v] of Object.entries(r.raw)) expect(row[h] ?? null, `${r.file} ${h}`).toBe(v);
    }
  });

  it('gives a department user its own rows only, linked from its 双公示质量 page, and refuses a leader', async () => {
    // A department that delivered some of the quarantined rows: named in one of their cells.
    const all = await api<{ raw: Record<string, string | null> }>('quarantine');
    const departments = await api<{ department: string }>('publicity-quality');
    const named = new Set(departments.rows.map((r) => r.department));
    const owner = all.rows.flatMap((r) => Object.values(r.raw)).find((v) => v !== null && named.has(v))!;
    expect(owner).toBeDefined();
    const token = await userWithToken(world.dataDir, 'dep18q', 'department', owner);
    const own = await api('quarantine', token);
    expect(own.total).toBeGreaterThan(0);
    const book = await workbook('/quarantine/returns', token);
    const listed = rowsOf(book.worksheets[0]!).rows.reduce((n, r) => n + Number(r['退回行数']), 0);
    expect(listed).toBe(own.total);
    expect(await (await get('/publicity', token)).text()).toContain('href="/quarantine/returns"');
    expect((await get('/quarantine/returns', world.tokens.leader)).status).toBe(403);
    expect(await (await get('/publicity', world.tokens.leader)).text()).not.toContain('/quarantine/returns');
  });
});

describe('rights (issue 18 item 15)', () => {
  it('gives leaders the project board and its export without drill, and refuses them the entity exports', async () => {
    const board = await (await get('/projects', world.tokens.leader)).text();
    expect(board).toContain('<div class="board">');
    expect(board).not.toMatch(/href="\/projects\/(?!export)/);
    expect(board).not.toMatch(/\b[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}\b/);
    expect((await get('/projects/export', world.tokens.leader)).status).toBe(200);
    for (const path of [
      '/warnings/export',
      '/heatmap/cell/export?sector=C',
      '/violators/export?format=xlsx',
      '/projects/HCP0001',
      '/projects/HCP0001/export',
    ])
      expect((await get(path, world.tokens.leader)).status, path).toBe(403);
    for (const path of ['/heatmap/export', '/indicators/export', '/publicity/export'])
      expect((await get(path, world.tokens.leader)).status, path).toBe(200);
  });

  it('keeps 运行与模型 for admins and analysts: hidden from the others’ navigation and refused', async () => {
    for (const token of [world.tokens.admin, world.tokens.analyst]) {
      expect((await get('/runs', token)).status).toBe(200);
      expect(await (await get('/overview', token)).text()).toContain('href="/runs"');
    }
    for (const token of [world.tokens.leader, dept.token]) {
      const res = await get('/runs', token);
      expect(res.status).toBe(403);
      // The error page keeps the frame.
      expect(await res.text()).toContain('href="/overview"');
      expect(await (await get('/overview', token)).text()).not.toContain('href="/runs"');
    }
  });
});
