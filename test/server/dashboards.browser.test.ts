/**
 * The dashboard pages in Debian's chromium over a generated, ingested and built world: every page opens
 * without console errors, page numbers equal the API's, a heatmap cell drills to an entity profile and
 * on to a source record, an export is downloaded and parsed back, and roles are enforced.
 * SCREENSHOT_DIR=docs/screenshots (with BROWSER_SCALE=county) refreshes the README's screenshots.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPresent, launchChromium } from '../chromium.js';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { PASSWORD } from './harness.js';
import { auditFile, dashboardWorld, type DashboardWorld } from './dashboardsWorld.js';

const present = chromiumPresent();
const SHOTS = process.env.SCREENSHOT_DIR;

const PAGES = [
  ['overview', '/overview', '总览'],
  ['heatmap', '/heatmap', '行业热力图'],
  ['heatmap-month', '/heatmap?view=month', '行业热力图'],
  ['violators', '/violators', '违法主体'],
  ['violators-cross', '/violators?kind=cross', '违法主体'],
  ['projects', '/projects', '重点项目'],
  ['publicity', '/publicity', '双公示质量'],
  ['indicators', '/indicators', '信用监测指标'],
  ['warnings', '/warnings', '预警'],
  ['runs', '/runs', '运行与模型'],
] as const;

describe.skipIf(!present)('dashboard pages in a real browser', () => {
  let world: DashboardWorld;
  let browser: Browser;

  beforeAll(async () => {
    world = await dashboardWorld();
    browser = await launchChromium();
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await world?.server.stop();
  });

  /** A signed-in page that records console errors. */
  async function signedIn(name: string, path = '/overview'): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${world.server.url}${path}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('input[name=name]', name);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => u.pathname !== '/login');
    return { page, errors };
  }

  async function apiTotal(page: Page, dataset: string, query = ''): Promise<number> {
    const r = await page.request.get(`${world.server.url}/api/v1/datasets/${dataset}?limit=1${query}`);
    expect(r.status()).toBe(200);
    return ((await r.json()) as { total: number }).total;
  }

  it('opens every page signed in, with its title, the build stamp and no console errors', async () => {
    const { page, errors } = await signedIn('adm');
    for (const [name, path, title] of PAGES) {
      const response = await page.goto(`${world.server.url}${path}`);
      expect(response?.status(), path).toBe(200);
      expect(await page.locator('h1').first().innerText(), path).toBe(title);
      expect(await page.locator('.build-stamp').innerText()).toContain('2025年12月31日');
      if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    }
    await page.goto(`${world.server.url}/projects`);
    await page.locator('.board a').first().click();
    await page.waitForURL((u) => u.pathname.startsWith('/projects/'));
    expect(await page.locator('main table').count()).toBeGreaterThan(0);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'project.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the same numbers as the API', async () => {
    const { page } = await signedIn('ana');
    for (const [kind, dataset] of [
      ['repeat', 'repeat-violators'],
      ['cross', 'cross-domain-violators'],
      ['persistent', 'persistent-violators'],
    ] as const) {
      await page.goto(`${world.server.url}/violators?kind=${kind}`);
      expect(Number(await page.locator('.lead [data-total]').getAttribute('data-total')), kind).toBe(
        await apiTotal(page, dataset),
      );
    }
    await page.goto(`${world.server.url}/violators?kind=repeat&domain=market`);
    expect(Number(await page.locator('.lead [data-total]').getAttribute('data-total'))).toBe(
      await apiTotal(page, 'repeat-violators', '&domain=market'),
    );
    await page.goto(`${world.server.url}/warnings?level=orange`);
    expect(Number(await page.locator('.pager [data-total]').getAttribute('data-total'))).toBe(
      await apiTotal(page, 'warnings', '&level=orange'),
    );
    await page.goto(`${world.server.url}/indicators`);
    const metOf = async (dataset: string) =>
      (
        (await (await page.request.get(`${world.server.url}/api/v1/datasets/${dataset}`)).json()) as {
          rows: Array<{ met: boolean }>;
        }
      ).rows.map((r) => r.met);
    // rules.md §8's indicators first, the supervision loop's in a section of their own below them.
    const city = await metOf('indicators');
    const loop = await metOf('supervision-indicators');
    const cityTable = page.locator('table:not(.supervision-indicators table)').first();
    expect(await cityTable.locator('.met').count()).toBe(city.filter((m) => m).length);
    expect(await cityTable.locator('.unmet').count()).toBe(city.filter((m) => !m).length);
    const section = page.locator('.supervision-indicators');
    expect(await section.locator('.met').count()).toBe(loop.filter((m) => m).length);
    expect(await section.locator('.unmet').count()).toBe(loop.filter((m) => !m).length);
    await page.close();
  });

  it('drills from a heatmap cell to its enterprises, a profile and a source record', async () => {
    const { page, errors } = await signedIn('adm', '/heatmap');
    // enhance.js (d3 from node_modules) turns each cell's <title> into a tooltip.
    await page.locator('figure[data-chart=heatmap] a rect').first().hover();
    await expect.poll(() => page.locator('.chart-tip').innerText()).toContain('每百户');
    // A chart cell opens the violators list narrowed to its sector and township (issue 18 item 13) …
    await page.locator('figure[data-chart=heatmap] a').first().click();
    await page.waitForURL((u) => u.pathname === '/violators');
    const narrowed = new URL(page.url()).searchParams;
    expect(narrowed.get('sector')).toMatch(/^[A-Z]$/);
    expect(narrowed.get('township')).toMatch(/^\d{9}$/);
    expect(await page.locator('select[name=sector] option[selected]').getAttribute('value')).toBe(
      narrowed.get('sector'),
    );
    // … and the table's event count the enterprises behind the cell.
    await page.goto(`${world.server.url}/heatmap`);
    await page.locator('main table a[href^="/heatmap/cell"]').first().click();
    await page.waitForURL((u) => u.pathname === '/heatmap/cell');
    const enterprises = page.locator('main table tbody tr');
    expect(await enterprises.count()).toBeGreaterThan(0);
    // The cell's event count is the sum over the enterprises listed behind it.
    const listed = await page.locator('main table tbody td.num').allInnerTexts();
    expect(await page.locator('.lead strong').nth(1).innerText()).toBe(
      String(listed.reduce((s, t) => s + Number(t), 0)),
    );
    await enterprises.first().locator('a').click();
    await page.waitForURL((u) => u.pathname.startsWith('/entities/'));
    const uscc = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
    expect(await page.locator('.lead code').innerText()).toBe(uscc);
    expect(await page.locator('figure[data-chart=timeline] svg').count()).toBe(1);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'profile.png'), fullPage: true });
    await page.locator('main a[href^="/records?event="]').first().click();
    await page.waitForURL((u) => u.pathname === '/records');
    expect(await page.locator('h1').innerText()).toBe('原始记录');
    const lead = await page.locator('.lead').innerText();
    expect(lead).toMatch(/\.(csv|xlsx|jsonl|json) 第 \d+ 行/);
    expect(await page.locator('table.raw tbody tr').count()).toBeGreaterThan(3);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'record.png'), fullPage: true });
    expect(await page.locator('main a[href^="/entities/"]').innerText()).toBe(uscc);
    expect(errors).toEqual([]);
    const audit = readFileSync(auditFile(world.dataDir, new Date().toISOString().slice(0, 7)), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; target: string; user: string });
    expect(audit).toContainEqual(expect.objectContaining({ action: 'profile_view', target: uscc, user: 'adm' }));
    await page.close();
  });

  it('downloads the current filter as CSV and XLSX, equal to the page and to the API', async () => {
    const { page } = await signedIn('ana', '/violators?kind=repeat&sort=name&dir=asc');
    const total = Number(await page.locator('.lead [data-total]').getAttribute('data-total'));
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('.exports a:text("CSV")')]);
    const rows = parse(readFileSync((await csv.path())!), { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows.length).toBe(total);
    // A file for people (issue 18 item 9): Chinese titles, domain labels instead of codes.
    expect(Object.keys(rows[0]!)).toEqual([
      '名称',
      '统一社会信用代码',
      '领域',
      '事件数',
      '首次',
      '最近',
      '行业门类',
      '乡镇（街道）',
    ]);
    const api = (
      (await (await page.request.get(`${world.server.url}/api/v1/datasets/repeat-violators?limit=50000`)).json()) as {
        rows: Array<{ uscc: string; domain: string; event_count: number }>;
      }
    ).rows;
    expect(rows.filter((r) => /^[a-z_]+$/.test(r['领域']!))).toEqual([]);
    expect(rows.filter((r) => r['领域'] === '市场监管').length).toBe(api.filter((r) => r.domain === 'market').length);
    expect(rows.map((r) => `${r['统一社会信用代码']}|${r['事件数']}`).sort()).toEqual(
      api.map((r) => `${r.uscc}|${r.event_count}`).sort(),
    );
    // Sorted as the page was: by name ascending.
    const firstOnPage = await page.locator('main table tbody tr').first().locator('code').innerText();
    expect(rows[0]!['统一社会信用代码']).toBe(firstOnPage);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('.exports a:text("XLSX")')]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await xlsx.path())!);
    expect(book.worksheets[0]!.actualRowCount).toBe(total + 1);
    const audit = readFileSync(auditFile(world.dataDir, new Date().toISOString().slice(0, 7)), 'utf8');
    expect(audit).toContain('"action":"dataset_export","target":"violators:repeat"');
    await page.close();
  });

  it('requires a login and gives leaders aggregates only', async () => {
    const anonymous = await browser.newPage();
    await anonymous.goto(`${world.server.url}/violators`);
    expect(new URL(anonymous.url()).pathname).toBe('/login');
    await anonymous.close();

    const { page, errors } = await signedIn('lead');
    const nav = await page.locator('header nav a').allInnerTexts();
    expect(nav).toContain('行业热力图');
    expect(nav).toContain('重点项目');
    expect(nav).not.toContain('违法主体');
    expect(nav).not.toContain('运行与模型');
    // The key-project board, without the drill to its parties (issue 18 item 15).
    await page.goto(`${world.server.url}/projects`);
    expect(await page.locator('.board li').count()).toBeGreaterThan(0);
    expect(await page.locator('.board a').count()).toBe(0);
    await page.goto(`${world.server.url}/heatmap`);
    expect(await page.locator('figure[data-chart=heatmap] svg').count()).toBeGreaterThan(0);
    expect(await page.locator('figure[data-chart=heatmap] a').count()).toBe(0);
    expect(await page.locator('main a[href^="/heatmap/cell"]').count()).toBe(0);
    for (const path of [
      '/violators',
      '/warnings',
      '/projects/HCP0001',
      '/runs',
      '/heatmap/cell?sector=C',
      '/entities/91350205000000000X',
    ]) {
      const r = await page.goto(`${world.server.url}${path}`);
      expect(r?.status(), path).toBe(403);
    }
    expect(errors.filter((e) => !e.includes('403'))).toEqual([]);
    await page.close();
  });

  it('masks identity numbers for analysts and shows them to admins', async () => {
    const admin = await signedIn('adm', '/violators?kind=cross');
    const link = await admin.page.locator('main table tbody tr a').first().getAttribute('href');
    await admin.page.goto(`${world.server.url}${link}`);
    const full = await admin.page.locator('.id').innerText();
    expect(full).toMatch(/^\d{17}[\dX]$/);
    const analyst = await signedIn('ana', link!);
    expect(await analyst.page.locator('.id').innerText()).toBe(`${full.slice(0, 6)}********${full.slice(-4)}`);
    await admin.page.close();
    await analyst.page.close();
  });
});
