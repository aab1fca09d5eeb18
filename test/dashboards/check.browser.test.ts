/**
 * The 核查 page in a real browser over a private copy of the shared world: a department clerk uploads an
 * XLSX list, reads the answer, downloads the workbook (parsed back here), marks a restricted subject as
 * granted (反馈), and gets a clear Chinese message for each bad upload. Verdicts are compared with the
 * generator's answer key (key-project parties' list signals), not with values written here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChecks, readFeedback } from '../../lib/checks/store.js';
import { chromiumPresent, launchChromium } from '../chromium.js';
import { uscc as makeUscc } from '../ingest/codes.js';
import { MARKET } from '../server/fixtures.js';
import { PASSWORD, startTestServer, userWithToken, type TestServer } from '../server/harness.js';
import { copyOfSharedWorld } from '../sharedWorld/index.js';

const present = chromiumPresent();

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('申请单位');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readXlsx(path: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(String(row.getCell(c).value ?? ''));
    out.push(cells);
  });
  return out;
}

describe.skipIf(!present)('核查 in a real browser', () => {
  let dir: string;
  let server: TestServer;
  let browser: Browser;
  /** Parties whose answer-key signals put them on serious_list or court_dishonest, and parties on no list. */
  let restricted: string[];
  let unlisted: string[];

  beforeAll(async () => {
    dir = await copyOfSharedWorld('check-browser-');
    await userWithToken(dir, 'clerk', 'department', MARKET);
    const kinds = new Map<string, Set<string>>();
    for (const p of JSON.parse(readFileSync(join(dir, 'answer-key', 'key-project-risk.json'), 'utf8')) as Array<{
      signals: string[];
    }>)
      for (const s of p.signals) {
        const [kind, uscc] = s.split('@') as [string, string];
        kinds.set(uscc, (kinds.get(uscc) ?? new Set()).add(kind));
      }
    const on = (u: string, ...ks: string[]) => ks.some((k) => kinds.get(u)!.has(k));
    restricted = [...kinds.keys()].filter((u) => on(u, 'serious_list', 'court_dishonest')).sort();
    unlisted = [...kinds.keys()].filter((u) => !on(u, 'serious_list', 'court_dishonest', 'attention_list')).sort();
    expect(restricted.length).toBeGreaterThan(0);
    server = await startTestServer(dir);
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(): Promise<Page> {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(`${server.url}/login?next=/check`);
    await page.fill('input[name=name]', 'clerk');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/check$/);
    return page;
  }

  async function upload(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
    await page.selectOption('#check-upload select[name=purpose]', '政府采购');
    await page.setInputFiles('#check-upload input[type=file]', { name, mimeType, buffer });
    await page.click('#check-upload button[type=submit]');
  }

  it('uploads an XLSX list, shows the column used and the verdicts, and downloads the list with the results appended', async () => {
    const page = await signedIn();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const listed = [restricted[0]!, unlisted[0] ?? makeUscc('91110000', 'QC000001'), '91350205XXXXXXXXXX'];
    const rows = [
      ['序号', '申请单位', '统一社会信用代码', '申请事项'],
      ...listed.map((u, i) => [i + 1, `申请单位${i + 1}`, u.toLowerCase(), '政府采购投标']),
      [4, '未填代码的单位', '', '政府采购投标'],
    ];
    await upload(
      page,
      '投标单位名单.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      await xlsx(rows),
    );
    await page.waitForURL(/\/check\/ck-\d{8}-[0-9a-f]{12}$/);
    expect(await page.locator('[data-column]').innerText()).toBe('统一社会信用代码');
    const verdicts = await page
      .locator('table.check-results tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-verdict')));
    expect(verdicts).toEqual(['restricted', expect.stringMatching(/^(caution|clear)$/), 'unresolved']);

    const download = page.waitForEvent('download');
    await page.click('a.download');
    const file = join(dir, 'downloaded.xlsx');
    await (await download).saveAs(file);
    const back = await readXlsx(file);
    expect(back[0]).toEqual([
      ...rows[0]!.map(String),
      '核查结论',
      '匹配方式',
      '核查主体统一社会信用代码',
      '核查主体名称',
      '名单',
      '失信标记',
      '公示中的行政处罚（条）',
      '应采取的措施',
      '说明',
    ]);
    expect(back.slice(1).map((r) => r.slice(0, 4))).toEqual(rows.slice(1).map((r) => r.map(String)));
    expect(back[1]![4]).toBe('限制办理');
    expect(back[1]![6]).toBe(listed[0]);
    expect(back[1]![11]).toContain('限制参与政府采购');
    expect(back[3]!.slice(4, 6)).toEqual(['无法核查', '代码无效']);
    expect(back[4]![4]).toBe('（本行无核查内容）');

    const check = readChecks(dir).at(-1)!;
    expect(check).toMatchObject({
      user: 'clerk',
      department: MARKET,
      purpose: '政府采购',
      via: 'page',
      subjects: 3,
      upload: { file: '投标单位名单.xlsx', column: '统一社会信用代码' },
    });

    await page.fill('form.check-feedback input[name=reason]', '中标后发现，已报请信用办处理');
    await page.click('form.check-feedback button[type=submit]');
    await page.waitForURL(/\/check\/ck-.*\?feedback=/);
    expect(await page.locator('table.check-results tbody tr').first().innerText()).toContain('已反馈：仍予办理');
    expect(readFeedback(dir).at(-1)).toMatchObject({ check_id: check.check_id, uscc: listed[0], recorded_by: 'clerk' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('checks pasted USCCs and names and opens 核查记录 with the department’s month', async () => {
    const page = await signedIn();
    await page.selectOption('form.check-form select[name=purpose]', '行政许可');
    await page.fill('form.check-form textarea[name=subjects]', `${restricted[0]}\n完全不存在的某某有限公司\n`);
    await page.click('form.check-form button[type=submit]');
    await page.waitForURL(/\/check\/ck-/);
    expect(await page.locator('table.check-results tbody tr').count()).toBe(2);
    expect(await page.locator('table.check-results tbody tr').nth(1).getAttribute('data-verdict')).toBe('unresolved');
    await page.click('nav >> text=核查记录');
    await page.waitForURL(/\/checks$/);
    const row = page.locator('table.check-coverage tbody tr', { hasText: MARKET });
    const mine = readChecks(dir).filter((c) => c.department === MARKET);
    expect(await row.locator('td').nth(2).innerText()).toBe(String(mine.length));
    await page.close();
  });

  it.each([
    ['an empty file', '空.csv', 'text/csv', () => Promise.resolve(Buffer.alloc(0)), '上传的文件是空的'],
    [
      'a PNG',
      '截图.png',
      'image/png',
      () => Promise.resolve(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')),
      'PNG 图片',
    ],
    [
      'no usable column',
      '金额.xlsx',
      'application/octet-stream',
      () =>
        xlsx([
          ['金额', '日期'],
          [100, '2025-01-01'],
        ]),
      '没有找到可核查的列',
    ],
    [
      '10,001 rows',
      '太多.csv',
      'text/csv',
      () =>
        Promise.resolve(
          Buffer.from(
            [
              '统一社会信用代码',
              ...Array.from({ length: 10_001 }, (_, i) => makeUscc('91110000', `QC${String(i).padStart(6, '0')}`)),
            ].join('\n'),
          ),
        ),
      '一次最多核查 10000 行，该文件有 10001 行',
    ],
  ])('refuses %s with a clear Chinese message and records nothing', async (_label, name, type, bytes, message) => {
    const page = await signedIn();
    const before = readChecks(dir).length;
    await upload(page, name, type, await bytes());
    const alert = page.locator('[data-upload-error]');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.innerText()).toContain(message);
    expect(page.url()).toMatch(/\/check$/);
    expect(readChecks(dir)).toHaveLength(before);
    await page.close();
  });
});
