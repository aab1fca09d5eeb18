/**
 * Login throttling (issue 12, item 7): per account an increasing wait, then a lockout; per address a
 * lockout (express-rate-limit); every refused login audited; hashing off the pool that serves files.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD } from '../server/harness.js';
import { loginWorld, type LoginWorld } from './loginFixture.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let world: LoginWorld | undefined;

afterEach(async () => {
  await world?.server.stop();
  world = undefined;
});

const HIGH = {
  free_failures: 1000,
  address_free_failures: 1000,
  account_lockout_failures: 1000,
  address_lockout_failures: 1000,
};

describe('login throttling', () => {
  it('makes an account wait 1 s, then 2 s, after its free failures, then locks it; all audited', async () => {
    const w = (world = await loginWorld({ ...HIGH, free_failures: 2, account_lockout_failures: 4 }));
    expect((await w.login('ana', 'wrong-1')).status).toBe(401);
    expect((await w.login('ana', 'wrong-2')).status).toBe(401);
    // Refused before hashing, even with the right password: a guesser cannot tell it was right.
    const wait = await w.login('ana', PASSWORD);
    expect(wait.status).toBe(429);
    expect(wait.headers.get('retry-after')).toBe('1');
    expect(await wait.text()).toContain('登录失败次数过多，请 1 秒后再试');
    await sleep(1100);
    expect((await w.login('ana', 'wrong-3')).status).toBe(401);
    expect((await w.login('ana', 'wrong-4')).headers.get('retry-after')).toBe('2');
    await sleep(2100);
    expect((await w.login('ana', 'wrong-4')).status).toBe(401);
    const locked = await w.login('ana', PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('该账号登录失败次数过多，已暂时锁定');
    // Another account from the same address is not locked with it.
    const reasons = (await w.failedLogins()).map((e) => [e.target, e.filters.reason, e.ip]);
    expect(reasons).toEqual([
      ['ana', 'bad_password', '127.0.0.1'],
      ['ana', 'bad_password', '127.0.0.1'],
      ['ana', 'wait', '127.0.0.1'],
      ['ana', 'bad_password', '127.0.0.1'],
      ['ana', 'wait', '127.0.0.1'],
      ['ana', 'bad_password', '127.0.0.1'],
      ['ana', 'account_locked', '127.0.0.1'],
    ]);
  });

  it('says the refusal in English to a client that chose English', async () => {
    const w = (world = await loginWorld({ ...HIGH, free_failures: 1 }));
    const en = { cookie: 'lang=en' };
    expect(await (await w.login('ana', 'wrong-1', en)).text()).toContain('The user name or password is wrong');
    const wait = await w.login('ana', 'wrong-2', en);
    expect(wait.status).toBe(429);
    const text = await wait.text();
    expect(text).toContain('Too many failed sign-ins: try again in 1 s');
    expect(text).not.toContain('登录失败次数过多');
  });

  it('clears an account count on a correct password', async () => {
    const w = (world = await loginWorld({ ...HIGH, free_failures: 2 }));
    expect((await w.login('ana', 'wrong-1')).status).toBe(401);
    expect((await w.login('ana', PASSWORD)).status).toBe(303);
    expect((await w.login('ana', 'wrong-2')).status).toBe(401);
    expect((await w.login('ana', PASSWORD)).status).toBe(303);
  });

  it('locks out an address that guesses across many accounts (express-rate-limit)', async () => {
    const w = (world = await loginWorld({ ...HIGH, address_lockout_failures: 5 }, ['ana', 'bo']));
    for (let i = 0; i < 5; i++) expect((await w.login(`guess${i}`, 'x')).status).toBe(401);
    const locked = await w.login('bo', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('ratelimit-policy')).toContain('q=5; w=900');
    expect(await locked.text()).toContain('本机登录失败次数过多，已暂时锁定');
    expect((await w.failedLogins()).at(-1)?.filters.reason).toBe('address_locked');
  });

  it('delays an address after its free failures, whichever accounts it tries', async () => {
    const w = (world = await loginWorld({ ...HIGH, address_free_failures: 2 }));
    expect((await w.login('guess1', 'x')).status).toBe(401);
    expect((await w.login('guess2', 'x')).status).toBe(401);
    expect((await w.login('ana', PASSWORD)).status).toBe(429);
  });

  it('hashes passwords off the pool that serves files: a static file answers during 16 parallel bad logins', async () => {
    const w = (world = await loginWorld(HIGH));
    const t0 = performance.now();
    let done = false;
    const flood = Promise.all(Array.from({ length: 16 }, (_, i) => w.login(`flood${i}`, 'wrong')));
    void flood.then(() => (done = true));
    await sleep(30);
    const latencies: number[] = [];
    while (!done) {
      const t = performance.now();
      const r = await fetch(`${w.server.url}/assets/app.css`);
      await r.arrayBuffer();
      latencies.push(performance.now() - t);
    }
    const answers = await flood;
    const floodMs = performance.now() - t0;
    expect(answers.every((r) => r.status === 401)).toBe(true);
    // Sharing libuv's pool, the first file request waited behind the hashes: about the whole flood.
    expect(Math.max(...latencies)).toBeLessThan(floodMs / 4);
  });
});
