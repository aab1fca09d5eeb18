/**
 * 用户管理 (issue 18, item 18): an admin adds, re-roles, resets and removes users on the page, over real HTTP with
 * a session and its CSRF token; departments are checked against the published build; every change is audited;
 * other roles are refused; the page lists users by pinyin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../lib/auth/audit.js';
import { AuthStore } from '../../lib/auth/store.js';
import { verifyPassword } from '../../lib/auth/password.js';
import { MARKET, publishFixtureBuild, tempDataDir } from './fixtures.js';
import { signIn } from './followUpFixture.js';
import { bearer, startTestServer, userWithToken, type TestServer } from './harness.js';

let dataDir: string;
let server: TestServer;
let admin: string;
let analystToken: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  await publishFixtureBuild(dataDir, { buildId: 'b20251231a', asOf: '2025-12-31' });
  await userWithToken(dataDir, 'root', 'admin');
  analystToken = await userWithToken(dataDir, '周分析', 'analyst');
  server = await startTestServer(dataDir);
  admin = await signIn(server.url, 'root');
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const page = async () => {
  const r = await fetch(`${server.url}/users`, { headers: { cookie: admin } });
  expect(r.status).toBe(200);
  return r.text();
};
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
async function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const csrf = csrfOf(await page());
  const r = await fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: admin, ...headers },
    body: new URLSearchParams({ csrf, ...fields }),
  });
  return { status: r.status, body: await r.text() };
}
const store = () => new AuthStore(dataDir);

describe('the users page', () => {
  it('is for admins only: other roles get 403, and only admins see it in the navigation', async () => {
    expect((await fetch(`${server.url}/users`, bearer(analystToken))).status).toBe(403);
    const overview = await (await fetch(`${server.url}/overview`, bearer(analystToken))).text();
    expect(overview).not.toContain('href="/users"');
    expect(await page()).toContain('href="/users"');
  });

  it('adds a department user with a generated password shown once, checking the department', async () => {
    const wrong = await post('/users', { name: '李', role: 'department', department: '不存在的局' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('部门「不存在的局」不在已发布数据的报送部门中');
    expect(store().findUser('李')).toBeUndefined();

    const added = await post('/users', { name: '李', role: 'department', department: MARKET });
    expect(added.status).toBe(200);
    const password = /data-password>([^<]+)</.exec(added.body)?.[1];
    expect(password).toBeDefined();
    const user = store().findUser('李')!;
    expect(user).toMatchObject({ role: 'department', department: MARKET });
    expect(await verifyPassword(password!, user.password_hash)).toBe(true);
    // Shown on the answer to the form only, never again.
    expect(await page()).not.toContain(password!);
  });

  it('lists the users by pinyin', async () => {
    // 李 (li), root, 周分析 (zhou): pinyin order puts Latin letters by their own names between them.
    const names = [...(await page()).matchAll(/<tr data-user="([^"]+)"/g)].map((m) => m[1]!);
    expect(names).toEqual([...names].sort(new Intl.Collator('zh-CN').compare));
    expect(names.indexOf('李')).toBeLessThan(names.indexOf('周分析'));
  });

  it('changes a role, resets a password, and removes a user only when confirmed', async () => {
    expect((await post('/users/李/role', { role: 'analyst' })).status).toBe(200);
    expect(store().findUser('李')).toMatchObject({ role: 'analyst', department: null });
    const before = store().findUser('李')!.password_hash;
    const reset = await post('/users/李/password', {});
    expect(reset.body).toMatch(/data-password>[^<]{16,}</);
    expect(store().findUser('李')!.password_hash).not.toBe(before);
    const unconfirmed = await post('/users/李/remove', {});
    expect(unconfirmed.status).toBe(400);
    expect(store().findUser('李')).toBeDefined();
    expect((await post('/users/李/remove', { confirm: 'yes' })).status).toBe(200);
    expect(store().findUser('李')).toBeUndefined();
    const self = await post('/users/root/remove', { confirm: 'yes' });
    expect(self.status).toBe(400);
    expect(store().findUser('root')).toBeDefined();
  });

  it('refuses a form from another site or without its token', async () => {
    expect((await post('/users', { name: '王', role: 'leader' }, { origin: 'https://evil.example' })).status).toBe(403);
    const r = await fetch(`${server.url}/users`, {
      method: 'POST',
      headers: { cookie: admin },
      body: new URLSearchParams({ name: '王', role: 'leader' }),
    });
    expect(r.status).toBe(403);
    expect(store().findUser('王')).toBeUndefined();
  });

  it('audits every change with the admin who made it, and never the password', async () => {
    const changes = (await readAudit(dataDir)).filter((e) => e.action.startsWith('user_'));
    expect(changes.map((e) => [e.action, e.target, e.user, e.via])).toEqual([
      ['user_add', '李', 'root', 'session'],
      ['user_role', '李', 'root', 'session'],
      ['user_passwd', '李', 'root', 'session'],
      ['user_remove', '李', 'root', 'session'],
    ]);
    expect(changes[0]!.filters).toEqual({ role: 'department', department: MARKET });
    expect(JSON.stringify(changes)).not.toMatch(/password_hash|scrypt\$/);
  });
});
