/**
 * The English toggle: the dictionary covers every label map, every page a signed-in admin can open
 * answers in English with no Chinese in its own UI text, the choice persists in a cookie, the page cache
 * never answers one language with the other, and the API and exports stay Chinese.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_LABELS } from '../../lib/auth/roles.js';
import { EN, t } from '../../dashboards/ui/i18n.js';
import { FOLLOW_UP_STATUS, MEASURES, ROLE_IN_REPORT } from '../../dashboards/follow-up/labels.js';
import * as labels from '../../dashboards/ui/labels.js';
import { NAV } from '../../dashboards/ui/nav.js';
import { KIND_LABELS } from '../../dashboards/violators/page.js';
import { dashboardWorld, type DashboardWorld } from './dashboardsWorld.js';
import { bearer } from './harness.js';
import { DECEMBER, followUpDataDir, signIn, startFollowUpServer } from './followUpFixture.js';
import { A, MARKET } from './fixtures.js';
import type { TestServer } from './harness.js';

const CJK = /[\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * The page's own UI text: the title, visible text and aria labels, without what is marked as data
 * (`data-value`: names, departments, delivered cells; chart figures whose axes are township names)
 * and without what is marked `lang="zh-CN"` in the body (the 中文 switch, a message we cannot translate).
 * The check fails whenever a UI string was left untranslated or data was shown unmarked; the same
 * check on the Chinese page must find Chinese, so it cannot pass by stripping everything.
 */
function uiChinese(page: string): string[] {
  const { document } = parseHTML(page);
  // A <title> cannot hold markup: a page titled by its subject (a project) repeats the h1's data value.
  const title = [...document.querySelectorAll('h1 [data-value]')].reduce(
    (x, e) => x.replace(e.textContent ?? '', ''),
    document.title,
  );
  for (const el of [...document.querySelectorAll('script, style, [data-value], body [lang="zh-CN"]')]) el.remove();
  const texts = [
    title,
    document.body.textContent ?? '',
    ...[...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label') ?? ''),
  ];
  return texts
    .flatMap((x) => x.split(/\n+/))
    .map((x) => x.trim())
    .filter((x) => CJK.test(x));
}

describe('the dictionary', () => {
  const maps: Record<string, Readonly<Record<string, string>>> = {
    LEVEL_LABELS: labels.LEVEL_LABELS,
    WARNING_KINDS: labels.WARNING_KINDS,
    WARNING_STATUS: labels.WARNING_STATUS,
    SIGNAL_KINDS: labels.SIGNAL_KINDS,
    PUBLICATION_STATUS: labels.PUBLICATION_STATUS,
    NOT_COUNTED: labels.NOT_COUNTED,
    LIST_NAMES: labels.LIST_NAMES,
    SOURCE_NAMES: labels.SOURCE_NAMES,
    INDICATORS: labels.INDICATORS,
    ROLE_LABELS,
    FOLLOW_UP_STATUS,
    ROLE_IN_REPORT,
    KIND_LABELS,
    NAV: Object.fromEntries(NAV.map((n) => [n.href, n.label])),
    MEASURES: Object.fromEntries(MEASURES.map((m) => [m, m])),
  };

  it('has an English entry for every Chinese string of the label maps and the navigation', () => {
    const missing = Object.entries(maps).flatMap(([map, m]) =>
      Object.values(m)
        .filter((zh) => !(zh in EN))
        .map((zh) => `${map}: ${zh}`),
    );
    expect(missing).toEqual([]);
  });

  it('has an English entry for every GB/T 4754 section and every domain of the reference files', () => {
    const sections = 'ABCDEFGHIJKLMNOPQRST'.split('').map((c) => labels.sectorName(c));
    const domains = readFileSync('data/reference/authority_domains.csv', 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(',')[3]!);
    expect(
      [...sections, ...domains, '其他', labels.sectorName(null), labels.regionName(null)].filter((zh) => !(zh in EN)),
    ).toEqual([]);
  });

  it('gives English without Chinese, and Chinese unchanged', () => {
    expect(Object.entries(EN).filter(([, en]) => CJK.test(en))).toEqual([]);
    expect(t('zh', '总览')).toBe('总览');
    expect(t('en', '总览')).toBe('Overview');
    // Only the dictionary's own entries: a data value never reaches Object.prototype.
    expect(t('en', 'constructor')).toBe('constructor');
    expect(t('en', 'toString')).toBe('toString');
  });
});

describe('dashboard pages in English', () => {
  let world: DashboardWorld;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${world.server.url}${path}`, {
      headers: { ...bearer(world.tokens.admin).headers, ...headers },
      redirect: 'manual',
    });
  const text = async (path: string, headers: Record<string, string> = {}) => {
    const r = await get(path, headers);
    expect(r.status, path).toBe(200);
    return r.text();
  };
  const h1 = (page: string) => parseHTML(page).document.querySelector('h1')?.textContent;

  beforeAll(async () => {
    world = await dashboardWorld();
  }, 600_000);

  afterAll(async () => {
    await world?.server.stop();
  });

  // First in this file, before any other request fills the page cache.
  it('never serves the cached page of one language to the other', async () => {
    expect(h1(await text('/overview?lang=en'))).toBe('Overview');
    expect(h1(await text('/overview'))).toBe('总览');
    expect(h1(await text('/indicators'))).toBe('信用监测指标');
    const en = await text('/indicators', { cookie: 'lang=en' });
    expect(h1(en)).toBe('Credit indicators');
    expect(uiChinese(en)).toEqual([]);
    expect(h1(await text('/overview'))).toBe('总览');
    expect(h1(await text('/overview', { cookie: 'lang=en' }))).toBe('Overview');
  });

  it('sets a year-long SameSite=Lax cookie on ?lang=, keeps the choice without it, and switches back with ?lang=zh', async () => {
    const first = await get('/runs?lang=en');
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^lang=en;/);
    expect(setCookie).toContain('Max-Age=31536000');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain('SameSite=Lax');
    const cookie = setCookie.split(';')[0]!;
    const again = await text('/runs', { cookie });
    expect(again).toContain('<html lang="en">');
    expect(h1(again)).toBe('Runs and models');
    const back = await get('/runs?lang=zh', { cookie });
    expect(back.headers.get('set-cookie')).toMatch(/^lang=zh;/);
    const zh = await back.text();
    expect(zh).toContain('<html lang="zh-CN">');
    expect(h1(zh)).toBe('运行与模型');
  });

  it('stays Chinese without a cookie or ?lang=, links to English from the same page and query, and refuses an unknown language', async () => {
    const zh = await text('/violators?kind=cross');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain(
      '<a class="lang-switch" href="/violators?kind=cross&amp;lang=en" hreflang="en" lang="en">English</a>',
    );
    expect(uiChinese(zh).length).toBeGreaterThan(10);
    const en = await text('/violators?kind=cross&lang=en');
    expect(en).toContain('href="/violators?kind=cross&amp;lang=zh" hreflang="zh-CN" lang="zh-CN">中文</a>');
    expect((await get('/overview?lang=fr')).status).toBe(400);
  });

  it('answers every page an admin can open in English, with English navigation and Chinese only in data values', async () => {
    const en = { cookie: 'lang=en' };
    const pages = [
      '/overview',
      '/heatmap',
      '/heatmap?view=month',
      '/violators',
      '/violators?kind=cross',
      '/violators?kind=persistent',
      '/projects',
      '/publicity',
      '/indicators',
      '/warnings',
      '/runs',
      '/follow-up',
    ];
    const linkFrom = async (path: string, pattern: RegExp) => {
      const m = pattern.exec(await text(path, en));
      expect(m, `${path} links to ${String(pattern)}`).not.toBeNull();
      return m![0].replaceAll('&amp;', '&');
    };
    const profile = await linkFrom('/violators', /\/entities\/[0-9A-Z]{18}/);
    pages.push(
      await linkFrom('/heatmap', /\/heatmap\/cell\?[^"]+/),
      await linkFrom('/heatmap?view=month', /\/heatmap\/cell\?[^"]+/),
      await linkFrom('/projects', /\/projects\/(?!export)[^"#]+/),
      profile,
      await linkFrom(profile, /\/records\?event=[^"]+/),
      await linkFrom(profile, /\/records\?source=[^"]+/),
    );
    for (const path of pages) {
      const page = await text(path, en);
      expect(page, path).toContain('<html lang="en">');
      for (const label of [
        'Overview',
        'Sector heatmap',
        'Violators',
        'Key projects',
        'Publicity quality',
        'Credit indicators',
        'Warnings',
        'Follow-up',
        'Runs and models',
      ])
        expect(page, `${path}: ${label}`).toContain(`>${label}</a>`);
      expect(uiChinese(page), path).toEqual([]);
    }
    // Data stays as delivered: names of enterprises are still Chinese, marked as data.
    const violators = parseHTML(await text('/violators', en)).document;
    expect([...violators.querySelectorAll('td [data-value]')].some((e) => CJK.test(e.textContent ?? ''))).toBe(true);
  });

  it('shows the login page and the error page in English', async () => {
    const login = await fetch(`${world.server.url}/login?lang=en`);
    const page = await login.text();
    expect(page).toContain('<html lang="en">');
    expect(h1(page)).toBe('Sign in');
    expect(uiChinese(page)).toEqual([]);
    const missing = await get('/nowhere', { cookie: 'lang=en' });
    expect(missing.status).toBe(404);
    const error = await missing.text();
    expect(error).toContain('404 Page not found');
    expect(error).toContain('There is no page /nowhere');
    expect(uiChinese(error)).toEqual([]);
    expect(await (await get('/nowhere')).text()).toContain('页面不存在');
  });

  it('leaves the API and the exports as they are', async () => {
    const en = { cookie: 'lang=en' };
    for (const path of ['/api/v1/datasets/warnings?limit=20', '/violators/export?format=csv']) {
      const zh = Buffer.from(await (await get(path)).arrayBuffer());
      const r = await get(path, en);
      expect(r.status, path).toBe(200);
      expect(Buffer.from(await r.arrayBuffer()).equals(zh), path).toBe(true);
    }
    expect((await get('/api/v1/datasets/warnings?limit=1&lang=en')).headers.get('set-cookie')).toBeNull();
  });
});

describe('跟踪督办 in English', () => {
  let dir: string;
  let server: TestServer;
  const cookies: Record<string, string> = {};
  const page = async (user: string, path: string) => {
    const r = await fetch(`${server.url}${path}`, { headers: { cookie: `${cookies[user]!}; lang=en` } });
    expect(r.status, path).toBe(200);
    return r.text();
  };

  beforeAll(async () => {
    dir = await followUpDataDir();
    server = await startFollowUpServer(dir);
    for (const u of ['market1', 'office1']) cookies[u] = await signIn(server.url, u);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('translates the completion, the list and the form, and the form’s own checks', async () => {
    const record = `/follow-up/record?${new URLSearchParams({ report: DECEMBER, uscc: A }).toString()}`;
    for (const [user, path] of [
      ['office1', '/follow-up'],
      ['office1', `/follow-up?department=${encodeURIComponent(MARKET)}`],
      ['market1', '/follow-up'],
      ['market1', record],
    ] as const) {
      const html = await page(user, path);
      expect(html, path).toContain('<html lang="en">');
      expect(uiChinese(html), `${user} ${path}`).toEqual([]);
    }
    const form = await page('market1', record);
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)![1]!;
    const r = await fetch(`${server.url}/follow-up/actions`, {
      method: 'POST',
      headers: { cookie: `${cookies.market1!}; lang=en` },
      body: new URLSearchParams({
        csrf,
        report_no: DECEMBER,
        uscc: A,
        measure: '约谈',
        action_date: '2025-01-01',
        note: '',
      }),
    });
    expect(r.status).toBe(400);
    const refused = await r.text();
    expect(refused).toContain('The date of action cannot be before the report date');
    expect(uiChinese(refused)).toEqual([]);
    // The switch on a POST answer reloads the form, not the POST.
    expect(refused).toContain(
      `href="/follow-up/record?report=${encodeURIComponent(DECEMBER)}&amp;uscc=${A}&amp;lang=zh"`,
    );
  });
});
