import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumPresent, launchChromium } from '../chromium.js';
import { readActions } from '../../lib/followUp/store.js';
import { A, MARKET } from './fixtures.js';
import { DECEMBER, followUpDataDir, startFollowUpServer } from './followUpFixture.js';
import { PASSWORD, type TestServer } from './harness.js';

const present = chromiumPresent();

describe.skipIf(!present)('跟踪督办 in a real browser', () => {
  let dir: string;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = await followUpDataDir();
    server = await startFollowUpServer(dir);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a department user signs in, opens 跟踪督办 from the navigation and records an action through the form', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${server.url}/login`);
    await page.fill('input[name=name]', 'market1');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/overview$/);
    await page.click('nav >> text=跟踪督办');
    await page.waitForURL(/\/follow-up$/);
    expect(await page.locator('h1').innerText()).toBe(`跟踪督办 · ${MARKET}`);
    const row = page.locator(`tr[data-uscc="${A}"]`);
    expect(await row.locator('[data-status]').innerText()).toBe('待办理');

    await row.locator('a.record').click();
    await page.waitForURL(/\/follow-up\/record\?/);
    expect(await page.locator('h1').innerText()).toBe('登记措施');
    // The recommended measure is preselected; the department took another one.
    expect(await page.locator('input[name=measure][value=约谈]').isChecked()).toBe(true);
    await page.check('input[name=measure][value=培训]');
    await page.fill('input[name=action_date]', '2026-01-16');
    await page.fill('textarea[name=note]', '组织信用修复培训');
    await page.click('form.follow-up-action button[type=submit]');

    await page.waitForURL(/\/follow-up\?report=.*&recorded=/);
    expect(await page.locator('.notice').innerText()).toBe('已登记 厦门甲贸易有限公司 的办理情况');
    expect(await page.locator(`tr[data-uscc="${A}"] [data-status]`).innerText()).toBe('已办结');
    expect(await page.locator(`tr[data-uscc="${A}"]`).innerText()).toContain('培训（2026-01-16）');
    expect(readActions(dir).at(-1)).toMatchObject({
      report_no: DECEMBER,
      uscc: A,
      department: MARKET,
      measure: '培训',
      action_date: '2026-01-16',
      note: '组织信用修复培训',
      recorded_by: 'market1',
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the browser refuses a date after today before anything is sent', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login?next=${encodeURIComponent(`/follow-up/record?report=${DECEMBER}&uscc=${A}`)}`);
    await page.fill('input[name=name]', 'market1');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/follow-up\/record\?/);
    expect(await page.locator('input[name=action_date]').getAttribute('max')).toBe('2026-01-20');
    await page.fill('input[name=action_date]', '2026-02-01');
    expect(
      await page
        .locator('input[name=action_date]')
        .evaluate((el) => (el as unknown as { validity: { rangeOverflow: boolean } }).validity.rangeOverflow),
    ).toBe(true);
    const before = readActions(dir).length;
    await page.click('form.follow-up-action button[type=submit]');
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe('/follow-up/record');
    expect(readActions(dir).length).toBe(before);
    await page.close();
  });
});
