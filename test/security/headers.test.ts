/**
 * Headers and the gate (issue 12, item 11): a script-tight CSP the pages keep working under, no-store
 * on entity data, a cross-site login POST refused, Object's own names under /assets/vendor a 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAV } from '../../dashboards/ui/nav.js';
import { dashboardWorld } from '../server/dashboardsWorld.js';
import { bearer, PASSWORD, type TestServer } from '../server/harness.js';

let server: TestServer;
let token: string;
let cookie: string;

const login = (headers: Record<string, string>) =>
  fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ name: 'ana', password: PASSWORD, next: '/overview' }).toString(),
  });

beforeAll(async () => {
  // The real pipeline's pages (a copy of the shared world), not a hand-made build.
  const world = await dashboardWorld();
  server = world.server;
  token = world.tokens.admin;
  cookie = ((await login({})).headers.get('set-cookie') ?? '').split(';')[0]!;
  // The shared world may still be building in the background when this file starts.
}, 600_000);

afterAll(async () => {
  await server?.stop();
});

describe('security headers', () => {
  it('sends a CSP that runs scripts from this site only, on every page', async () => {
    const csp = (await fetch(`${server.url}/login`)).headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(';').map((d) => [d.trim().split(' ')[0]!, d.trim()]));
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('script-src-attr')).toBe("script-src-attr 'none'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('keeps every page working under it: no inline script, no event-handler attribute', async () => {
    for (const { href } of NAV) {
      const res = await fetch(`${server.url}${href}`, bearer(token));
      expect(res.status, href).toBe(200);
      expect(res.headers.get('content-security-policy'), href).toContain("script-src 'self'");
      const text = await res.text();
      expect(text.match(/<script(?![^>]*\ssrc=)[^>]*>/g), href).toBeNull();
      expect(text.match(/<[^>]+\son[a-z]+\s*=/gi), href).toBeNull();
    }
  });

  it('marks pages and API answers with entity data no-store, and lets assets be cached', async () => {
    for (const path of ['/violators?kind=repeat', '/warnings', '/overview']) {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
      expect(res.headers.get('cache-control'), path).toContain('no-store');
    }
    const api = await fetch(`${server.url}/api/v1/datasets/repeat-violators`, bearer(token));
    expect(api.status).toBe(200);
    expect(api.headers.get('cache-control')).toContain('no-store');
    const css = await fetch(`${server.url}/assets/app.css`);
    expect(css.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(css.headers.get('x-content-type-options')).toBe('nosniff');
    expect(css.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers 404, not 500, for names Object has under /assets/vendor', async () => {
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__']) {
      expect((await fetch(`${server.url}/assets/vendor/${name}`)).status, name).toBe(404);
      expect((await fetch(`${server.url}/assets/${name}`)).status, name).toBe(404);
    }
    expect((await fetch(`${server.url}/assets/vendor/d3.min.js`)).status).toBe(200);
  });
});

describe('POST /login from another site', () => {
  it('is refused by its Origin, Referer or Sec-Fetch-Site, and a same-site one passes', async () => {
    const crossSite: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { referer: 'http://evil.example/form.html' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of crossSite) {
      const res = await login(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.text()).toContain('登录请求不是从本站登录页提交的，已拒绝');
    }
    const host = new URL(server.url).host;
    expect((await login({ origin: server.url })).status).toBe(303);
    expect((await login({ referer: `${server.url}/login`, 'sec-fetch-site': 'same-origin' })).status).toBe(303);
    expect(host).toMatch(/^127\.0\.0\.1:\d+$/);
  });
});
