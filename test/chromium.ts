/**
 * Whether the browser tests can run here. Without Debian's chromium they are skipped with a warning on
 * a developer's machine, and fail under CI (`SENTINEL_REQUIRE_BROWSER=1` in .ci/run), so a CI machine
 * that lost its browser cannot pass by skipping them.
 */
import { chromium, type Browser } from 'playwright-core';
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
