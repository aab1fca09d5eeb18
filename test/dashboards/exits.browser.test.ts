/**
 * 移出与修复 and 政务诚信 in Debian's chromium over the shared world: a department clerk opens 移出与修复 from
 * the navigation, sees only its department's items, marks an overdue one taken down through the form, and
 * the row shows it at once; a credit-office user opens 政务诚信 and finds the planted bodies with their red
 * warning's evidence; the people's XLSX of each page reads back with what the page shows; an analyst opens 红黑榜
 * and finds the planted red, black and leaving entities; the English toggle keeps the pages; a leader's
 * navigation has none of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readMarks } from '../../lib/exits/store.js';
import { chromiumPresent, launchChromium, signedInPage } from '../chromium.js';
import { copyOfSharedWorld } from '../sharedWorld/index.js';
import type { PlantedCase } from '../../generator/world/planted.js';
import { PASSWORD, startTestServer, userWithToken, type TestServer } from '../server/harness.js';

const present = chromiumPresent();
const LIST_AUTHORITY = '厦门市市场监督管理局';

describe.skipIf(!present)('移出与修复, 政务诚信 and 红黑榜 in a real browser', () => {
  let dataDir: string;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = await copyOfSharedWorld('exits-browser-');
    await userWithToken(dataDir, 'clerk', 'department', LIST_AUTHORITY);
    await userWithToken(dataDir, 'office', 'credit_office');
    await userWithToken(dataDir, 'boss', 'leader');
    await userWithToken(dataDir, 'analyst', 'analyst');
    server = await startTestServer(dataDir);
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signedIn = (name: string) => signedInPage(browser, server.url, name, PASSWORD);

  async function downloadedBook(page: Page): Promise<ExcelJS.Workbook> {
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('.exports a:text("XLSX")')]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await xlsx.path())!);
    return book;
  }

  /** A sheet's rows below its header row, keyed by header (the people's tables start with their header). */
  function sheetRows(sheet: ExcelJS.Worksheet): Record<string, string>[] {
    const values = (r: number) =>
      (sheet.getRow(r).values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)));
    const heads = values(1);
    const rows: Record<string, string>[] = [];
    for (let r = 2; r <= sheet.actualRowCount; r++) {
      const v = values(r);
      if (v.length === 0 || heads.length === 0) continue;
      rows.push(Object.fromEntries(heads.map((h, i) => [h, v[i] ?? ''])));
    }
    return rows;
  }

  it('a department clerk marks an overdue item taken down from the form', async () => {
    const { page, errors } = await signedIn('clerk');
    await page.click('nav >> text=移出与修复');
    await page.waitForURL(/\/exits$/);
    const departments = await page.locator('table.exits tbody tr td:nth-child(3)').allInnerTexts();
    expect(departments.length).toBeGreaterThan(0);
    expect(new Set(departments)).toEqual(new Set([LIST_AUTHORITY]));
    const row = page
      .locator('table.exits tbody tr')
      .filter({ has: page.locator('[data-status=overdue]') })
      .first();
    const item = (await row.getAttribute('data-item'))!;
    await row.locator('input[name=note]').fill('已撤下');
    await row.locator('button[type=submit]').click();
    await page.waitForURL(/\/exits$/);
    const marked = page.locator(`tr[data-item="${item}"] [data-status]`);
    expect(await marked.getAttribute('data-status')).toBe('marked');
    expect(await marked.innerText()).toBe('已标记移出');
    expect(readMarks(dataDir)).toMatchObject([{ item_id: item, department: LIST_AUTHORITY, note: '已撤下' }]);
    // The people's XLSX carries the mark too, and only this department's items.
    const items = await page.locator('table.exits tbody tr').count();
    const book = await downloadedBook(page);
    const exported = book.worksheets[0]!;
    const text = JSON.stringify(exported.getSheetValues());
    expect(text).toContain('已撤下');
    expect(text).not.toMatch(/厦门市海沧区市场监督管理局/);
    expect(exported.actualRowCount).toBeGreaterThanOrEqual(items);
    // The English toggle keeps the page.
    await page.click('header >> text=English');
    expect(await page.locator('h1').innerText()).toContain('Exits and repairs');
    expect(errors).toEqual([]);
  });

  it('the credit office opens 政务诚信 and finds the bodies on the court list and in arrears', async () => {
    const { page, errors } = await signedIn('office');
    await page.click('nav >> text=政务诚信');
    await page.waitForURL(/\/government$/);
    const rows = page.locator('table.government tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    const text = await page.locator('table.government').innerText();
    expect(text).toContain('厦门海沧边界区某局');
    expect(text).toContain('厦门海沧边界区某中心');
    expect(text).toContain('court_dishonest:');
    expect(await page.locator('.figures li').first().innerText()).toContain('1');
    const book = await downloadedBook(page);
    const exported = JSON.stringify(book.worksheets[0]!.getSheetValues());
    expect(exported).toContain('厦门海沧边界区某局');
    expect(exported).toContain('厦门海沧边界区某中心');
    expect(errors).toEqual([]);
  });

  it('an analyst opens 红黑榜 and finds the planted red, black and leaving entities, in Chinese and English', async () => {
    const planted = (
      JSON.parse(readFileSync(join(dataDir, 'answer-key', 'planted_cases.json'), 'utf8')) as { cases: PlantedCase[] }
    ).cases;
    const usccOf = (c: string) => planted.find((p) => p.case === c)!.usccs[0]!;
    const { page, errors } = await signedIn('analyst');
    await page.click('nav >> text=红黑榜');
    await page.waitForURL(/\/lists$/);
    expect(await page.locator('h1').innerText()).toContain('红黑榜');
    expect(await page.locator(`table.red-list tr[data-uscc="${usccOf('red_list_clean_a_taxpayer')}"]`).count()).toBe(1);
    const serious = page.locator(`table.black-list tr[data-uscc="${usccOf('black_list_serious_entry')}"]`);
    expect(await serious.innerText()).toContain('严重失信主体名单');
    expect(await serious.innerText()).toContain('serious_list:');
    const persistent = page.locator(`table.black-list tr[data-uscc="${usccOf('black_list_persistent_violator')}"]`);
    expect(await persistent.innerText()).toContain('屡禁不止');
    const left = page.locator(
      `table.list-changes tr[data-uscc="${usccOf('black_list_left_removed')}"][data-change=left]`,
    );
    expect(await left.innerText()).toContain('严重失信主体名单已移出');
    // The XLSX reads back with the page's lists.
    const book = await downloadedBook(page);
    const names = book.worksheets.map((w) => w.name);
    expect(names).toEqual(['红名单', '黑名单', '列入与移出']);
    const red = sheetRows(book.getWorksheet('红名单')!).map((r) => r['统一社会信用代码']);
    expect(red).toHaveLength(await page.locator('table.red-list tbody tr').count());
    expect(red).toContain(usccOf('red_list_clean_a_taxpayer'));
    await page.click('header >> text=English');
    expect(await page.locator('h1').innerText()).toContain('Red and black lists');
    expect(await left.innerText()).toContain('removed from the serious-dishonesty list');
    expect(errors).toEqual([]);
  });

  it('a leader has neither page in the navigation and is refused both', async () => {
    const { page } = await signedIn('boss');
    const nav = await page.locator('nav').innerText();
    expect(nav).not.toContain('移出与修复');
    expect(nav).not.toContain('政务诚信');
    expect(nav).not.toContain('红黑榜');
    expect((await page.goto(`${server.url}/lists`))!.status()).toBe(403);
    expect((await page.goto(`${server.url}/exits`))!.status()).toBe(403);
    expect((await page.goto(`${server.url}/government`))!.status()).toBe(403);
  });
});
