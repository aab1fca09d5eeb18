/**
 * 我的订阅 and 收件箱 in a real browser against a real server on loopback, over a copy of the shared
 * world: the header shows the unread count of the published build's new warnings, a subscription is
 * saved through its form (audited), the inbox lists the items and marking them read lowers the count.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../lib/auth/audit.js';
import { openPublished } from '../../lib/publish/reader.js';
import { readSubscriptions } from '../../lib/subscriptions/subscription.js';
import { chromiumPresent, launchChromium } from '../chromium.js';
import { PASSWORD, startTestServer, userWithToken, type TestServer } from '../server/harness.js';
import { copyOfSharedWorld } from '../sharedWorld/index.js';

const present = chromiumPresent();
const HEALTH = '厦门市海沧区卫生健康局';

describe.skipIf(!present)('我的订阅 and 收件箱 in a real browser', () => {
  let dir: string;
  let server: TestServer;
  let browser: Browser;
  let newWarnings: number;
  let healthWarnings: number;

  beforeAll(async () => {
    dir = await copyOfSharedWorld('inbox-');
    await userWithToken(dir, 'analyst1', 'analyst');
    await userWithToken(dir, 'health1', 'department', HEALTH);
    await userWithToken(dir, 'leader1', 'leader');
    const b = await openPublished(dir);
    try {
      const count = async (where: string) =>
        Number((await b.db.one<{ n: number }>(`select count(*)::integer as n from warnings where ${where}`))!.n);
      newWarnings = await count(`status = 'new'`);
      healthWarnings = await count(`status = 'new' and subject_id = '${HEALTH}'`);
    } finally {
      b.close();
    }
    server = await startTestServer(dir);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(name: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('input[name=name]', name);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/overview$/);
    return page;
  }

  const headerCount = (page: Page) => page.locator('header .inbox-link .unread-count');

  it('shows every page the unread count, subscribes through the form, opens the inbox and marks items read', async () => {
    expect(newWarnings).toBeGreaterThan(2);
    const page = await signIn('analyst1');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    expect(await headerCount(page).innerText()).toBe(String(newWarnings));
    await page.click('nav >> text=预警');
    expect(await headerCount(page).innerText()).toBe(String(newWarnings));

    await page.click('nav >> text=我的订阅');
    await page.waitForURL(/\/subscriptions$/);
    // The default: every kind and level.
    expect(await page.locator('input[name=kind]:not(:checked)').count()).toBe(0);
    await page.uncheck('input[name=kind][value=department_compliance]');
    await page.uncheck('input[name=level][value=green]');
    await page.fill('input[name=email]', 'analyst@credit.test');
    await page.click('form.subscriptions button[type=submit]');
    await page.waitForURL(/\/subscriptions\?saved=1$/);
    expect(await page.locator('.notice').innerText()).toBe('订阅已保存');
    expect(await page.locator('input[name=kind][value=department_compliance]').isChecked()).toBe(false);
    const saved = readSubscriptions(dir).analyst1!;
    expect(saved.kinds).not.toContain('department_compliance');
    expect(saved.kinds).toContain('repeat_violator');
    expect(saved.levels).toEqual(['red', 'orange', 'yellow']);
    expect(saved.email).toBe('analyst@credit.test');

    await page.click('header .inbox-link');
    await page.waitForURL(/\/inbox$/);
    const rows = page.locator('table.inbox tbody tr');
    expect(await rows.count()).toBe(newWarnings);
    expect(await page.locator('table.inbox tr.unread').count()).toBe(newWarnings);
    const first = await rows.first().getAttribute('data-item');
    await rows.first().locator('button').click();
    await page.waitForURL(/\/inbox$/);
    expect(await headerCount(page).innerText()).toBe(String(newWarnings - 1));
    expect(await page.locator(`tr[data-item="${first}"]`).getAttribute('class')).toBe('read');
    await page.click('text=全部标为已读');
    await page.waitForURL(/\/inbox$/);
    expect(await headerCount(page).count()).toBe(0);
    expect(await page.locator('table.inbox tr.unread').count()).toBe(0);
    expect(errors).toEqual([]);

    const audit = await readAudit(dir);
    expect(audit.filter((e) => e.user === 'analyst1' && e.action === 'subscription_change')).toHaveLength(1);
    expect(audit.find((e) => e.user === 'analyst1' && e.action === 'inbox_view')).toMatchObject({
      rows: newWarnings,
      format: 'html',
    });
    await page.close();
  });

  it("a department user's inbox and subscription stay inside its department", async () => {
    const page = await signIn('health1');
    expect(await headerCount(page).innerText()).toBe(String(healthWarnings));
    await page.goto(`${server.url}/subscriptions`);
    expect(await page.locator('form.subscriptions').innerText()).toContain(HEALTH);
    expect(await page.locator('input[name=department]').count()).toBe(0);
    // A department beyond the scope, slipped into the form, is refused.
    await page.evaluate(`{
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'department';
      input.value = '厦门市海沧区市场监督管理局';
      document.querySelector('form.subscriptions').append(input);
    }`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/subscriptions') && r.request().method() === 'POST');
    await page.click('form.subscriptions button[type=submit]');
    expect((await answer).status()).toBe(400);
    expect(await page.locator('.notice.error').innerText()).toContain('部门用户只能订阅本部门');
    expect(readSubscriptions(dir).health1).toBeUndefined();
    await page.close();
  });

  it('a leader has no inbox: no count in the header, 403 for the page', async () => {
    const page = await signIn('leader1');
    expect(await page.locator('header .inbox-link').count()).toBe(0);
    const r = await page.goto(`${server.url}/inbox`);
    expect(r?.status()).toBe(403);
    await page.close();
  });
});
