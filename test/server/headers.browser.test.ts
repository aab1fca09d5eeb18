import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumPresent, launchChromium } from '../chromium.js';
import { readAudit } from '../../lib/auth/audit.js';
import { paths } from '../../lib/dataDir.js';
import { csvUtf8, deliver, query, runIngest, tempDataDir, testConfig } from '../ingest/helpers.js';
import { uscc } from '../ingest/codes.js';
import { PASSWORD, startTestServer, userWithToken, type TestServer } from './harness.js';

const present = chromiumPresent();

const ORG = uscc('91350205', 'MA2Y0KXQ');
const EDUCATION = '厦门市海沧区教育局';
const FILE = '教育局_新系统_行政处罚.csv';
const HEADERS = ['行政相对人名称', '行政相对人类别', '当事人代码', '行政处罚决定书文号', '处罚决定日期', '处罚机关'];

describe.skipIf(!present)('表头映射 in a real browser', () => {
  let dir: string;
  let mappingFile: string;
  let server: TestServer;
  let browser: Browser;
  const override = () => ({ ingest: { header_mappings_file: mappingFile } });

  beforeAll(async () => {
    dir = tempDataDir('headers-page-');
    mappingFile = join(dir, 'header-mappings.yaml');
    deliver(
      dir,
      'penalties',
      FILE,
      csvUtf8(HEADERS, [
        ['厦门鑫达贸易有限公司', '法人及非法人组织', ORG, '厦海教罚〔2025〕1号', '2025-03-04', EDUCATION],
      ]),
    );
    await runIngest(dir, testConfig(override()));
    await userWithToken(dir, 'office1', 'credit_office');
    await userWithToken(dir, 'edu1', 'department', EDUCATION);
    server = await startTestServer(dir, override());
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(name: string) {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('input[name=name]', name);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/overview$/);
    return page;
  }

  it('the credit office opens 表头映射 from the navigation, sees the refused header with its file, department, samples and proposal, and confirms it with one click', async () => {
    const page = await signIn('office1');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Nothing is built yet (the overview answers 503, without a frame): the navigation of 运行与模型.
    await page.goto(`${server.url}/runs`);
    await page.click('nav >> text=表头映射');
    await page.waitForURL(/\/headers$/);
    expect(await page.locator('h1').innerText()).toBe('表头映射');
    const row = page.locator('tr[data-header="当事人代码"]');
    expect(await row.locator('td').nth(2).innerText()).toContain(FILE);
    expect(await row.locator('td').nth(2).innerText()).toContain('已退回');
    expect(await row.locator('td').nth(3).innerText()).toBe(EDUCATION);
    expect(await row.locator('td').nth(4).innerText()).toBe(ORG);
    expect(await row.locator('[data-proposal]').getAttribute('data-proposal')).toBe('uscc');
    expect(await row.locator('select[name=field]').inputValue()).toBe('uscc');

    await row.locator('form.confirm-mapping button[type=submit]').click();
    await page.waitForURL(/\/headers\?confirmed=/);
    expect(await page.locator('.notice').innerText()).toBe('已确认映射：penalties 当事人代码');
    expect(await page.locator('tr[data-header="当事人代码"] [data-status]').innerText()).toBe(
      '已映射到 统一社会信用代码',
    );
    const written = readFileSync(mappingFile, 'utf8');
    expect(written).toContain('当事人代码: 统一社会信用代码');
    expect(written).toContain('confirmed_by: office1');
    expect((await readAudit(dir)).filter((e) => e.action === 'header_mapping_confirmed')).toMatchObject([
      { user: 'office1', role: 'credit_office', target: 'penalties|当事人代码', filters: { field: 'uscc' } },
    ]);
    expect(errors).toEqual([]);
    await page.close();

    // The next ingest reads the file the page mapped.
    const { outcomes } = await runIngest(dir, testConfig(override()));
    expect(outcomes.map((o) => o.status)).toEqual(['loaded']);
    expect(existsSync(join(paths.sourceInbox(dir, 'penalties'), FILE))).toBe(false);
    expect(await query(dir, 'select uscc from raw.penalties')).toEqual([{ uscc: ORG }]);
  });

  it('answers in English with the toggle', async () => {
    const page = await signIn('office1');
    await page.goto(`${server.url}/headers?lang=en`);
    expect(await page.locator('h1').innerText()).toBe('Header mapping');
    expect(await page.locator('thead').innerText()).toContain('Proposed field');
    await page.close();
  });

  it('is not offered to a department user, and refuses one who types its address', async () => {
    const page = await signIn('edu1');
    await page.goto(`${server.url}/runs`);
    expect(await page.locator('nav >> text=跟踪督办').count()).toBe(1);
    expect(await page.locator('nav >> text=表头映射').count()).toBe(0);
    const answer = await page.goto(`${server.url}/headers`);
    expect(answer?.status()).toBe(403);
    await page.close();
  });
});
