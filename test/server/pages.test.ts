import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { publishFixtureBuild, tempDataDir } from './fixtures.js';
import { PASSWORD, startTestServer, userWithToken, type TestServer } from './harness.js';

let dataDir: string;
let server: TestServer;

beforeAll(async () => {
  dataDir = tempDataDir();
  await publishFixtureBuild(dataDir, {
    buildId: 'b20251231a',
    asOf: '2025-12-31',
    runMessage: '<script>alert("x")</script>',
  });
  await userWithToken(dataDir, 'ana', 'analyst');
  server = await startTestServer(dataDir);
});

afterAll(async () => {
  await server?.stop();
});

async function login(name: string, password: string, next = '/runs'): Promise<Response> {
  return fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name, password, next }).toString(),
  });
}

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;

describe('login', () => {
  it('sends a visitor without a session to the login page, and back after signing in', async () => {
    const page = await fetch(`${server.url}/runs`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2Fruns');
    const form = await fetch(`${server.url}/login?next=%2Fruns`);
    const text = await form.text();
    expect(text).toContain('<html lang="zh-CN">');
    expect(text).toContain('用户名');
    expect(text).toContain('数据截至 <time datetime="2025-12-31">2025年12月31日</time>');
    expect(text).toContain('<code>b20251231a</code>');
  });

  it('refuses a wrong password without a cookie', async () => {
    const res = await login('ana', 'wrong password');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('用户名或密码不正确');
    expect((await login('nobody', PASSWORD)).status).toBe(401);
  });

  it('sets an httpOnly SameSite=Lax cookie that opens pages and the API, until logout', async () => {
    const res = await login('ana', PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/runs');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^cs_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const cookie = cookieOf(res);
    const page = await fetch(`${server.url}/runs`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/datasets/indicators`, { headers: { cookie } })).status).toBe(200);

    const out = await fetch(`${server.url}/logout`, { method: 'POST', headers: { cookie }, redirect: 'manual' });
    expect(out.status).toBe(303);
    expect((await fetch(`${server.url}/api/v1/datasets/indicators`, { headers: { cookie } })).status).toBe(401);
  });

  it('never redirects off-site after login', async () => {
    expect((await login('ana', PASSWORD, '//evil.example/')).headers.get('location')).toBe('/overview');
    expect((await login('ana', PASSWORD, 'https://evil.example/')).headers.get('location')).toBe('/overview');
  });

  it('marks the cookie Secure behind a TLS proxy it trusts', async () => {
    const proxied = await startTestServer(dataDir, { server: { trust_proxy: true } });
    try {
      const res = await fetch(`${proxied.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
        body: new URLSearchParams({ name: 'ana', password: PASSWORD }).toString(),
      });
      expect(res.headers.get('set-cookie')).toContain('; Secure');
    } finally {
      await proxied.stop();
    }
  });
});

describe('runs and models page', () => {
  it('shows the build, its tests and models in Chinese, with department text escaped', async () => {
    const cookie = cookieOf(await login('ana', PASSWORD));
    const text = await (await fetch(`${server.url}/runs`, { headers: { cookie } })).text();
    expect(text).toContain('<h1>运行与模型</h1>');
    expect(text).toContain('<a href="/runs" aria-current="page">运行与模型</a>');
    expect(text).toContain('<code>b20251231a</code>');
    expect(text).toContain('unique(repeat_violators.uscc, domain)');
    expect(text).toMatch(/<span class="n">1 \/ 2<\/span><span class="label">数据检验通过<\/span>/);
    expect(text).not.toContain('<script>alert');
    expect(text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // The warehouse does not exist here: the page says so instead of failing.
    expect(text).toContain('尚未导入任何数据');
  });

  it('answers an unknown page with a Chinese 404 page', async () => {
    const cookie = cookieOf(await login('ana', PASSWORD));
    const res = await fetch(`${server.url}/nowhere`, { headers: { cookie } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('页面不存在');
  });
});
