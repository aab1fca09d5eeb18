/**
 * 名称匹配复核 in a real browser, over a copy of the shared world with name-only penalties planted
 * (test/server/nameReviewWorld.ts): a credit_office reviewer confirms a suggestion, and the judgement is
 * listed with who decided and when; a leader and a department clerk are refused the page. Then the same
 * reviewer checks the planted name on the 核查 page: the match says 复核确认 on the page (in Chinese and
 * in English), in the workbook and in the check's record.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCheck, readChecks } from '../../lib/checks/store.js';
import { readJudgements } from '../../lib/nameReview/store.js';
import { chromiumPresent, launchChromium } from '../chromium.js';
import { PASSWORD, startTestServer, userWithToken, type TestServer } from '../server/harness.js';
import { MARKET, plantedWorld, type Planted } from '../server/nameReviewWorld.js';

const present = chromiumPresent();

describe.skipIf(!present)('名称匹配复核 in a real browser', () => {
  let dir: string;
  let planted: Planted[];
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ dataDir: dir, planted } = await plantedWorld('name-review-browser-'));
    await userWithToken(dir, 'reviewer', 'credit_office');
    await userWithToken(dir, 'boss', 'leader');
    await userWithToken(dir, 'clerk', 'department', MARKET);
    server = await startTestServer(dir);
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(name: string, next: string): Promise<Page> {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
    await page.fill('input[name=name]', name);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForLoadState('load');
    return page;
  }

  it('lets the credit office confirm a suggestion, and lists the judgement with who and when', async () => {
    const [a] = planted;
    const page = await signedIn('reviewer', '/name-review');
    await page.waitForURL(/\/name-review$/);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const row = page.locator('table.pending tbody tr', { hasText: a!.variant });
    await expect(row.count()).resolves.toBe(1);
    const before = Date.now();
    await row.locator(`.suggestion[data-uscc="${a!.uscc}"] form.confirmed button`).click();
    await page.waitForLoadState('load');
    expect(await page.locator('[role=status]').count()).toBe(1);

    const [j] = readJudgements(dir);
    expect(j).toMatchObject({ name: a!.variant, uscc: a!.uscc, decision: 'confirmed', decided_by: 'reviewer' });
    expect(Date.parse(j!.decided_at)).toBeGreaterThanOrEqual(before - 1000);
    const listed = page.locator(`table.judgements tr[data-judgement="${j!.id}"]`);
    const cells = await listed.locator('td').allInnerTexts();
    // 名称, USCC, 结论, 复核人, 复核时间 (Asia/Shanghai), 状态.
    const shanghai = new Date(Date.parse(j!.decided_at) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(cells.slice(0, 5)).toEqual([a!.variant, a!.uscc, '确认', 'reviewer', shanghai]);
    expect(await listed.locator('[data-status]').getAttribute('data-status')).toBe('in_force');
    // The confirmed name left the queue.
    expect(await page.locator('table.pending tbody tr', { hasText: a!.variant }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('refuses the page to a leader and to a department clerk', async () => {
    for (const name of ['boss', 'clerk']) {
      const page = await signedIn(name, '/overview');
      const res = await page.goto(`${server.url}/name-review`);
      expect(res!.status(), name).toBe(403);
      expect(await page.locator('table.pending').count(), name).toBe(0);
      await page.close();
    }
    expect(readJudgements(dir)).toHaveLength(1);
  });

  it('shows a name resolved by that judgement as 复核确认 on the check page, in its workbook and its record', async () => {
    const [a] = planted;
    const page = await signedIn('reviewer', '/check');
    await page.waitForURL(/\/check$/);
    await page.selectOption('form.check-form select[name=purpose]', '行政许可');
    await page.fill('form.check-form textarea[name=subjects]', `${a!.variant}\n${a!.name}`);
    await page.click('form.check-form button[type=submit]');
    await page.waitForURL(/\/check\/ck-\d{8}-[0-9a-f]{12}$/);
    const rows = page.locator('table.check-results tbody tr');
    // The planted name resolves by the judgement; the register's own name by the register, as before.
    expect(await rows.nth(0).locator('[data-resolved-by]').getAttribute('data-resolved-by')).toBe('review');
    expect(await rows.nth(0).locator('td').nth(2).innerText()).toMatch(/^按名称\s*复核确认$/);
    expect(await rows.nth(1).locator('[data-resolved-by]').count()).toBe(0);
    expect(await rows.nth(1).locator('td').nth(2).innerText()).toBe('按名称');

    const download = page.waitForEvent('download');
    await page.click('a.download');
    const file = join(dir, 'reviewed.xlsx');
    await (await download).saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = header.indexOf('匹配方式');
    const note = header.indexOf('说明');
    expect(col).toBeGreaterThan(0);
    expect(String(sheet.getRow(2).getCell(col).value)).toBe('按名称（复核确认）');
    expect(String(sheet.getRow(2).getCell(note).value)).toContain('名称经复核确认（reviewer，');
    expect(String(sheet.getRow(3).getCell(col).value)).toBe('按名称');

    const id = /\/check\/(ck-[^/?]+)$/.exec(page.url())![1]!;
    const record = findCheck(dir, id)!;
    expect(record.results.map((r) => [r.query, r.uscc, r.resolved_by ?? null])).toEqual([
      [a!.variant, a!.uscc, 'review'],
      [a!.name, a!.uscc, null],
    ]);
    expect(readChecks(dir).some((c) => c.check_id === id)).toBe(true);

    await page.goto(`${page.url()}?lang=en`);
    expect(await page.locator('table.check-results tbody tr').nth(0).locator('[data-resolved-by]').innerText()).toBe(
      'Confirmed by review',
    );
  });
});
