import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumPresent, launchChromium } from '../chromium.js';
import { publishFixtureBuild, tempDataDir } from './fixtures.js';
import { PASSWORD, startTestServer, userWithToken, type TestServer } from './harness.js';

const present = chromiumPresent();

// launch() gives each run a fresh temporary profile of its own.
describe.skipIf(!present)('login and the language switch in a real browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    const dataDir = tempDataDir();
    await publishFixtureBuild(dataDir, { buildId: 'b20251231a', asOf: '2025-12-31' });
    await userWithToken(dataDir, 'ana', 'analyst');
    server = await startTestServer(dataDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in through the form and lands on the page asked for, without console errors', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/runs`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('.build-stamp').innerText()).toContain('2025年12月31日');
    await page.fill('input[name=name]', 'ana');
    await page.fill('input[name=password]', 'wrong');
    await page.click('button[type=submit]');
    expect(await page.locator('.alert').innerText()).toBe('用户名或密码不正确');
    // The refused login is answered 401, which the browser logs as a failed load: not a page error.
    errors.length = 0;
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/runs`);
    expect(await page.locator('h1').innerText()).toBe('运行与模型');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'cs_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches the navigation to English from the header, keeps it on the next page, and switches back', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/login?next=%2Fruns`);
    await page.fill('input[name=name]', 'ana');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/runs`);
    expect(await page.locator('header nav a').allInnerTexts()).toContain('运行与模型');

    await page.click('header a.lang-switch');
    await page.waitForURL(`${server.url}/runs?lang=en`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('header nav a').allInnerTexts()).toEqual([
      'Overview',
      'Sector heatmap',
      'Credit grades',
      'Violators',
      'Key projects',
      'Publicity quality',
      'Credit indicators',
      'Warnings',
      'Follow-up',
      'Credit check',
      'Check records',
      'Runs and models',
      'My subscriptions',
      'Exits and repairs',
      'Government integrity',
      'Red and black lists',
    ]);
    expect(await page.locator('h1').innerText()).toBe('Runs and models');

    // The cookie carries the choice to a page opened from the navigation.
    await page.click('header nav >> text=Overview');
    await page.waitForURL(`${server.url}/overview`);
    expect(await page.locator('h1').innerText()).toBe('Overview');
    expect(await page.locator('header a.lang-switch').innerText()).toBe('中文');

    await page.click('header a.lang-switch');
    await page.waitForURL(`${server.url}/overview?lang=zh`);
    expect(await page.locator('h1').innerText()).toBe('总览');
    expect(errors).toEqual([]);
    await page.close();
  });
});
