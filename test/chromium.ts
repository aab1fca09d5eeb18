/**
 * Whether the browser tests can run here. Without Debian's chromium they are skipped with a warning on
 * a developer's machine, and fail under CI (`SENTINEL_REQUIRE_BROWSER=1` in .ci/run), so a CI machine
 * that lost its browser cannot pass by skipping them.
 */
import { chromiumAvailable, CHROMIUM } from '../pipelines/report/pdf.js';

export { CHROMIUM };

export function chromiumPresent(): boolean {
  if (chromiumAvailable()) return true;
  const why = `${CHROMIUM} is missing (.ci/run installs it with apt-get install chromium fonts-wqy-microhei)`;
  if (process.env.SENTINEL_REQUIRE_BROWSER) throw new Error(`browser tests cannot run: ${why}`);
  console.warn(`browser tests skipped: ${why}`);
  return false;
}
