/**
 * Whether the browser tests can run here. Without Debian's chromium they are skipped with a warning on
 * a developer's machine, and fail under CI (`SENTINEL_REQUIRE_BROWSER=1` in .ci/run), so a CI machine
 * that lost its browser cannot pass by skipping them.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumAvailable, CHROMIUM } from '../pipelines/report/pdf.js';

export { CHROMIUM };

export function chromiumPresent(): boolean {
  if (chromiumAvailable()) return true;
  const why = `${CHROMIUM} is missing (.ci/run installs it with apt-get install chromium fonts-wqy-microhei)`;
  if (process.env.SENTINEL_REQUIRE_BROWSER) throw new Error(`browser tests cannot run: ${why}`);
  console.warn(`browser tests skipped: ${why}`);
  return false;
}

/** Debian's chromium, headless, quiet on the network; launch() gives each run a fresh temporary profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A new page signed in through the login form as `name`, landed on the overview, collecting console errors. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  name: string,
  password: string,
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/overview`);
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${baseUrl}/overview`);
  return { page, errors };
}
