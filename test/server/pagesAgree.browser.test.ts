/**
 * Issue 18 items 11, 12, 13 and 16 in Debian's chromium over the shared world: counts that say what they
 * count, a warning's month opened by default on the publicity page, an empty month that says so, one unit
 * per indicator and no trend drawn where none can be, the heatmap's controls and legend; every page at
 * 390 px and 1024 px without a page-wide horizontal scroll (the heatmap scrolls in its own box), and a print
 * PDF of a long table that breaks across pages with its header repeated.
 * SCREENSHOT_DIR=… keeps the 390 px screenshots.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumPresent, launchChromium } from '../chromium.js';
import { dashboardWorld, type DashboardWorld } from './dashboardsWorld.js';
import { bearer, startTestServer, type TestServer } from './harness.js';

const present = chromiumPresent();
const SHOTS = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'pages18-shots');

const PAGES = [
  '/overview',
  '/heatmap',
  '/violators',
  '/projects',
  '/publicity',
  '/indicators',
  '/warnings',
  '/runs',
  '/follow-up',
];

describe.skipIf(!present)('pages that agree, on a phone, a tablet and paper', () => {
  let world: DashboardWorld;
  let browser: Browser;
  let other: TestServer;

  beforeAll(async () => {
    world = await dashboardWorld();
    browser = await launchChromium();
    // The same build served with another configured heatmap minimum.
    other = await startTestServer(world.dataDir, { heatmap: { min_enterprises: 3 } });
    mkdirSync(SHOTS, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await other?.stop();
    await world?.server.stop();
  });

  /** A context whose every request carries the admin's token, at the given width. */
  async function context(width: number): Promise<BrowserContext> {
    return browser.newContext({
      viewport: { width, height: 844 },
      extraHTTPHeaders: bearer(world.tokens.admin).headers,
    });
  }

  async function open(c: BrowserContext, path: string, base = world.server.url): Promise<Page> {
    const page = await c.newPage();
    const res = await page.goto(`${base}${path}`);
    expect(res?.status(), path).toBe(200);
    return page;
  }

  const api = async <T>(dataset: string, query = '') =>
    (await (
      await fetch(`${world.server.url}/api/v1/datasets/${dataset}?limit=10000${query}`, bearer(world.tokens.admin))
    ).json()) as { total: number; rows: T[] };

  it('says what each count counts: entities on the overview, entity × domain rows on the violators page', async () => {
    const c = await context(1280);
    const repeat = await api<{ uscc: string }>('repeat-violators');
    const cross = await api<{ uscc: string }>('cross-domain-violators');
    const persistent = await api<{ uscc: string }>('persistent-violators');
    const entities = new Set(repeat.rows.map((r) => r.uscc));
    const screened = new Set([...entities, ...cross.rows.map((r) => r.uscc), ...persistent.rows.map((r) => r.uscc)]);
    expect(repeat.total).toBeGreaterThan(entities.size);
    const overview = await open(c, '/overview');
    const figure = async (label: string) =>
      (await overview.locator('.figures li', { hasText: label }).locator('.n').innerText()).trim();
    expect(await figure('同一领域频繁违法主体（户）')).toBe(String(entities.size));
    expect(await figure('筛查涉及主体（三类合计，户）')).toBe(String(screened.size));
    const violators = await open(c, '/violators?kind=repeat');
    const note = await violators.locator('main p.note').first().innerText();
    expect(note).toContain(`共 ${repeat.total} 行`);
    expect(note).toContain(`${entities.size} 户主体`);
    await c.close();
  });

  it('names the month a department warning judges and opens the publicity page on it; an empty month says so', async () => {
    const c = await context(1280);
    const warnings = await open(c, '/warnings?kind=department_timeliness');
    const link = warnings.locator('main table tbody a[href^="/publicity?month="]').first();
    expect(await link.innerText()).toBe('2025-11');
    const publicity = await open(c, '/publicity');
    expect(await publicity.locator('select[name=month] option[selected]').getAttribute('value')).toBe('2025-11');
    const ranking = await api('publicity-quality', '&month=2025-11');
    expect(await publicity.locator('main table tbody tr').count()).toBe(ranking.total);
    const empty = await open(c, '/publicity?month=2027-01');
    expect(await empty.locator('.lead').innerText()).toBe('2027-01 无数据');
    expect(await empty.locator('p.empty').innerText()).toBe('2027-01 无数据');
    expect(await empty.locator('main').innerText()).not.toMatch(/\b0 个部门/);
    expect(await empty.locator('main table tbody tr').count()).toBe(0);
    await c.close();
  });

  it('writes each indicator in one unit and draws no trend for one that is flat by construction', async () => {
    const c = await context(1280);
    const page = await open(c, '/indicators');
    const row = page.locator('main table tbody tr', { hasText: 'uscc_error_rate' });
    expect(await row.locator('td.num').first().innerText()).toMatch(/‱$/);
    expect(await row.locator('td.num').nth(1).innerText()).toBe('< 1.0‱');
    const card = page.locator('figure[data-indicator=uscc_error_rate]');
    expect(await card.locator('svg').count()).toBe(0);
    expect(await card.innerText()).toContain('逐月相同，不绘趋势');
    expect(await page.locator('figure[data-indicator=publicity_timeliness] svg').count()).toBe(1);
    expect(await page.locator('main').innerText()).not.toMatch(/\d\.\d{3}%/);
    await c.close();
  });

  it('offers a minimum size (default from the config) and counts or rates, with a legend for the empty states', async () => {
    const c = await context(1280);
    const page = await open(c, '/heatmap');
    expect(await page.locator('input[name=min]').inputValue()).toBe('5');
    expect(await page.locator('.heat-legend li').allInnerTexts()).toEqual(['无在营企业', '0 起事件', '企业过少未着色']);
    expect(await page.locator('.lead').innerText()).toContain('在营 5 户以上');
    await page.selectOption('select[name=measure]', 'count');
    await page.fill('input[name=min]', '0');
    await page.click('.filters button[type=submit]');
    await page.waitForURL((u) => u.searchParams.get('measure') === 'count');
    expect(await page.locator('figure[data-chart=heatmap]').innerText()).toContain('计入的违法事件');
    expect(await page.locator('.heat-legend li').allInnerTexts()).toEqual(['无在营企业', '0 起事件']);
    // The tabs keep the choice.
    expect(await page.locator('nav.tabs a').nth(1).getAttribute('href')).toContain('measure=count');
    const configured = await open(c, '/heatmap', other.url);
    expect(await configured.locator('input[name=min]').inputValue()).toBe('3');
    expect((await fetch(`${world.server.url}/heatmap?min=-1`, bearer(world.tokens.admin))).status).toBe(400);
    await c.close();
  });

  for (const width of [390, 1024]) {
    it(`fits every page in ${width} px: navigation reachable, no page-wide scroll, the heatmap scrolls in its box`, async () => {
      const c = await context(width);
      for (const path of PAGES) {
        const page = await open(c, path);
        const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
        expect(overflow, `${path} at ${width} px`).toBeLessThanOrEqual(1);
        // Every navigation link is there and can be scrolled to and clicked.
        const nav = page.locator('header.site nav a');
        expect(await nav.count()).toBeGreaterThan(5);
        await nav.last().scrollIntoViewIfNeeded();
        expect(await nav.last().isVisible()).toBe(true);
        if (width === 390) await page.screenshot({ path: join(SHOTS, `${path.slice(1) || 'home'}-390.png`) });
        await page.close();
      }
      const heatmap = await open(c, '/heatmap');
      // Run in the page (the tests compile without the DOM's types).
      const box = (await heatmap.evaluate(`(() => {
        const f = document.querySelector('figure[data-chart=heatmap]');
        const svg = [...f.querySelectorAll('svg')].at(-1);
        return {
          scroll: f.scrollWidth,
          client: f.clientWidth,
          drawn: svg.getBoundingClientRect().width,
          own: Number(svg.getAttribute('width')),
        };
      })()`)) as { scroll: number; client: number; drawn: number; own: number };
      // Drawn at its own size, not shrunk to the screen.
      expect(box.drawn).toBeCloseTo(box.own, 0);
      if (box.own > width) expect(box.scroll).toBeGreaterThan(box.client);
      await c.close();
    });
  }

  it('prints a long table whole, across pages, with its header row repeated', async () => {
    const c = await context(1280);
    const page = await open(c, '/warnings');
    await page.emulateMedia({ media: 'print' });
    const style = (await page.evaluate(`(() => {
      const t = document.querySelector('main table');
      return {
        table: getComputedStyle(t).display,
        head: getComputedStyle(t.querySelector('thead')).display,
        nav: getComputedStyle(document.querySelector('header.site nav')).display,
        rows: t.querySelectorAll('tbody tr').length,
      };
    })()`)) as { table: string; head: string; nav: string; rows: number };
    expect(style).toMatchObject({ table: 'table', head: 'table-header-group', nav: 'none' });
    expect(style.rows).toBeGreaterThan(20);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const file = join(SHOTS, 'warnings-print.pdf');
    writeFileSync(file, pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    // Every page of the table starts with its header row (poppler's pdftotext reads the PDF's text back).
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      const printed = text.split('\f').filter((p) => p.trim());
      expect(printed.length).toBe(pages);
      const withRows = printed.filter((p) => /厦门|HC|penalties|行政处罚/.test(p));
      expect(withRows.length).toBeGreaterThan(1);
      for (const p of withRows.slice(1)) expect(p).toMatch(/级别\s+类型\s+对象/);
    } else {
      console.warn('pdftotext (poppler-utils) missing: the repeated header of the print PDF was not read back');
    }
    await c.close();
  });

  it('loads no Plot bundle in the browser and gets its assets compressed', async () => {
    const c = await context(1280);
    const page = await c.newPage();
    const scripts: string[] = [];
    const encodings = new Map<string, string | undefined>();
    page.on('response', (r) => {
      if (r.url().includes('/assets/')) {
        scripts.push(new URL(r.url()).pathname);
        encodings.set(new URL(r.url()).pathname, r.headers()['content-encoding']);
      }
    });
    await page.goto(`${world.server.url}/overview`);
    await page.waitForLoadState('networkidle');
    expect(scripts).not.toContain('/assets/vendor/plot.umd.min.js');
    expect(scripts).toContain('/assets/vendor/d3.min.js');
    expect(['br', 'gzip']).toContain(encodings.get('/assets/vendor/d3.min.js'));
    expect(['br', 'gzip']).toContain(encodings.get('/assets/app.css'));
    const raw = await fetch(`${world.server.url}/assets/vendor/d3.min.js`, {
      headers: { 'accept-encoding': 'identity' },
    });
    const br = await fetch(`${world.server.url}/assets/vendor/d3.min.js`, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(Number(br.headers.get('content-length'))).toBeLessThan(Number(raw.headers.get('content-length')) / 3);
    expect((await fetch(`${world.server.url}/assets/vendor/plot.umd.min.js`)).status).toBe(404);
    const again = await fetch(`${world.server.url}/assets/app.css`, {
      headers: { 'if-none-match': raw.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(200);
    const etag = (await fetch(`${world.server.url}/assets/app.css`)).headers.get('etag')!;
    expect((await fetch(`${world.server.url}/assets/app.css`, { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
    await c.close();
  });
});
