/**
 * The header search in Debian's chromium over the shared world: a clerk signs in, types part of a name
 * into the box of the page she is on, lands on the results, and opens the profile from a result; the box
 * keeps her query, and a leader's header has no box.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { withDb } from '../../lib/db.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { norm } from '../../lib/validate/text.js';
import { chromiumPresent, launchChromium } from '../chromium.js';
import { copyOfSharedWorld } from '../sharedWorld/index.js';
import { PASSWORD, startTestServer, userWithToken, type TestServer } from '../server/harness.js';

const present = chromiumPresent();

describe.skipIf(!present)('the header search in a real browser', () => {
  let dataDir: string;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = await copyOfSharedWorld('search-browser-');
    await userWithToken(dataDir, 'clerk', 'department', '厦门市海沧区市场监督管理局');
    await userWithToken(dataDir, 'boss', 'leader');
    server = await startTestServer(dataDir);
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(name: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/overview`);
    await page.fill('input[name=name]', name);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/overview`);
    return { page, errors };
  }

  it('types a name into the header box, lists the matches and opens the profile of one', async () => {
    const target = await withDb(join(dataDir, readPointer(dataDir)!.file), { readOnly: true }, (db) =>
      db.one<{ uscc: string; name: string }>(`select uscc, name from entity_register order by uscc limit 1 offset 3`),
    );
    if (!target) throw new Error('the shared world has no register');
    const typed = target.name.slice(2, 6);
    const { page, errors } = await signedIn('clerk');
    await page.goto(`${server.url}/heatmap`);
    const box = page.locator('header form.search input[name=q]');
    await box.fill(typed);
    await box.press('Enter');
    await page.waitForURL((u) => u.pathname === '/search');
    expect(new URL(page.url()).searchParams.get('q')).toBe(typed);
    expect(await page.locator('h1').innerText()).toBe('搜索');
    expect(await page.locator('header form.search input[name=q]').inputValue()).toBe(typed);
    const row = page.locator(`table.search-results tr[data-uscc="${target.uscc}"]`);
    expect(await row.count()).toBe(1);
    // Every result shows the query in its name, or in the former name it matched.
    const cells = await page.locator('table.search-results tbody tr td:first-child').allInnerTexts();
    expect(cells.filter((c) => !norm(c).includes(norm(typed)))).toEqual([]);
    await row.locator('a').first().click();
    await page.waitForURL(`${server.url}/entities/${target.uscc}`);
    expect(await page.locator('h1').innerText()).toBe(target.name);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers a code prefix typed in the box, in English too', async () => {
    const { page, errors } = await signedIn('clerk');
    await page.goto(`${server.url}/overview?lang=en`);
    const box = page.locator('header form.search input[name=q]');
    expect(await box.getAttribute('placeholder')).toBe('Name or USCC');
    await box.fill('913502');
    await page.locator('header form.search button').click();
    await page.waitForURL((u) => u.pathname === '/search');
    expect(await page.locator('h1').innerText()).toBe('Search');
    const codes = await page.locator('table.search-results tbody td code').allInnerTexts();
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith('913502'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gives a leader no search box', async () => {
    const { page } = await signedIn('boss');
    expect(await page.locator('header form.search').count()).toBe(0);
    await page.close();
  });
});
