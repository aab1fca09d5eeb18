/**
 * Credit grades in Debian's chromium over the shared world: a leader opens the 信用分级 heatmap from the
 * navigation and sees the grade counts and the chart but no cell to open; an analyst opens a cell, goes on to
 * an entity's profile and reads its grade with the factors behind it, sees the same grade on its search hit,
 * and downloads a department's 双随机 list from the page's button, read back as XLSX.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { withDb } from '../../lib/db.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { chromiumPresent, launchChromium, signedInPage } from '../chromium.js';
import { copyOfSharedWorld } from '../sharedWorld/index.js';
import { PASSWORD, startTestServer, userWithToken, type TestServer } from '../server/harness.js';

const present = chromiumPresent();

describe.skipIf(!present)('credit grades in a real browser', () => {
  let dataDir: string;
  let server: TestServer;
  let browser: Browser;
  let counts: Record<string, number>;

  beforeAll(async () => {
    dataDir = await copyOfSharedWorld('grades-browser-');
    await userWithToken(dataDir, 'ana', 'analyst');
    await userWithToken(dataDir, 'boss', 'leader');
    counts = await withDb(join(dataDir, readPointer(dataDir)!.file), { readOnly: true }, async (db) =>
      Object.fromEntries(
        (
          await db.all<{ grade: string; n: number }>(
            `select grade, count(*)::integer as n from credit_grades group by grade`,
          )
        ).map((r) => [r.grade, r.n]),
      ),
    );
    server = await startTestServer(dataDir);
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signedIn = (name: string) => signedInPage(browser, server.url, name, PASSWORD);

  it('gives a leader the grade heatmap from the navigation, aggregates only', async () => {
    const { page, errors } = await signedIn('boss');
    await page.click('header nav a:text("信用分级")');
    await page.waitForURL((u) => u.pathname === '/grades');
    expect(await page.locator('h1').innerText()).toBe('信用分级分类监管');
    const figures = await page.locator('ul.figures li .n').allInnerTexts();
    expect(figures.map((f) => Number(f.replaceAll(',', '')))).toEqual(['A', 'B', 'C', 'D'].map((g) => counts[g] ?? 0));
    expect(await page.locator('figure[data-chart=grade-heatmap] svg rect').count()).toBeGreaterThan(0);
    expect(await page.locator('figure[data-chart=grade-heatmap] a').count()).toBe(0);
    expect(await page.locator('[data-export=inspections]').count()).toBe(0);
    expect(await page.locator('table[data-table=grades-by-sector] tbody tr').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets an analyst open a cell, then a profile with its grade and factors, and find the grade on search', async () => {
    const { page, errors } = await signedIn('ana');
    await page.goto(`${server.url}/grades`);
    await page.locator('figure[data-chart=grade-heatmap] a').first().click();
    await page.waitForURL((u) => u.pathname === '/grades/cell');
    const grades = await page
      .locator('main td [data-grade]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-grade')));
    expect(grades.length).toBeGreaterThan(0);
    expect(grades.every((g) => g === 'C' || g === 'D')).toBe(true);
    await page.locator('main tbody tr a').first().click();
    await page.waitForURL((u) => u.pathname.startsWith('/entities/'));
    const uscc = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const lead = page.locator('[data-credit-grade]');
    const grade = await lead.getAttribute('data-credit-grade');
    expect(['C', 'D']).toContain(grade);
    const factors = page.locator('table[data-table=grade-factors] tbody tr');
    expect(await factors.count()).toBeGreaterThan(0);
    // Each factor's evidence is listed beside its points.
    expect(await factors.first().locator('code').count()).toBeGreaterThan(0);
    await page.goto(`${server.url}/search?q=${uscc}`);
    expect(await page.locator(`tr[data-uscc="${uscc}"] [data-grade]`).getAttribute('data-grade')).toBe(grade);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("downloads a department's 双随机 list from the page's button", async () => {
    const { page } = await signedIn('ana');
    await page.goto(`${server.url}/grades`);
    const department = await page.locator('select[name=department] option').first().getAttribute('value');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=inspections]')]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    expect(book.worksheets.map((w) => w.name)).toEqual(['双随机抽查名单', '按等级抽查户数']);
    const first = book.worksheets[0]!;
    expect(first.actualRowCount).toBeGreaterThan(1);
    expect(first.getRow(2).getCell(1).value).toBe(department);
    await page.close();
  });
});
