import { describe, it, expect } from 'vitest';
import { utimesSync } from 'node:fs';
import { AuthStore, authFilePath } from '../../lib/auth/store.js';
import { SessionStore } from '../../lib/auth/sessions.js';
import { hashPassword, verifyPassword } from '../../lib/auth/password.js';
import { tempDataDir } from './fixtures.js';

describe('users file', () => {
  it('keeps every user when several writers add users at the same time', async () => {
    const dataDir = tempDataDir();
    const writers = Array.from({ length: 6 }, () => new AuthStore(dataDir));
    await Promise.all(
      writers.map((w, i) => w.addUser({ name: `u${i}`, role: 'analyst', department: null, password: 'password-123' })),
    );
    expect(
      new AuthStore(dataDir)
        .users()
        .map((u) => u.name)
        .sort(),
    ).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5']);
  });

  it('sees a user added by another writer without being recreated', async () => {
    const dataDir = tempDataDir();
    const reader = new AuthStore(dataDir);
    expect(reader.findUser('a')).toBeUndefined();
    await new AuthStore(dataDir).addUser({ name: 'a', role: 'leader', department: null, password: 'password-123' });
    // Same second, same size class: the reader must still notice the replaced file.
    utimesSync(authFilePath(dataDir), new Date(0), new Date(0));
    expect(reader.findUser('a')?.role).toBe('leader');
  });

  it('authenticates the right password only, and tokens only by their exact value', async () => {
    const dataDir = tempDataDir();
    const store = new AuthStore(dataDir);
    await store.addUser({ name: 'a', role: 'admin', department: null, password: 'password-123' });
    expect(await store.authenticate('a', 'password-123')).toMatchObject({ name: 'a', role: 'admin' });
    expect(await store.authenticate('a', 'password-124')).toBeNull();
    expect(await store.authenticate('b', 'password-123')).toBeNull();
    const { token } = await store.addToken('a');
    expect(store.userForToken(token)?.name).toBe('a');
    expect(store.userForToken(`${token}x`)).toBeNull();
  });
});

describe('password hashes', () => {
  it('are salted: the same password hashes differently and verifies against both', async () => {
    const [h1, h2] = [await hashPassword('同一个密码 1'), await hashPassword('同一个密码 1')];
    expect(h1).not.toBe(h2);
    expect(await verifyPassword('同一个密码 1', h1)).toBe(true);
    expect(await verifyPassword('同一个密码 2', h2)).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
  });
});

describe('sessions', () => {
  it('expire after the idle limit and after the absolute limit', () => {
    let t = 0;
    const store = new SessionStore(() => new Date(t), { idleMs: 1000, absoluteMs: 2500 });
    const s = store.create('a');
    t = 900;
    expect(store.get(s.id)?.user).toBe('a');
    t = 1800;
    expect(store.get(s.id)?.user).toBe('a');
    t = 2600;
    expect(store.get(s.id)).toBeNull();
    const idle = store.create('b');
    t = 3700;
    expect(store.get(idle.id)).toBeNull();
  });
});
