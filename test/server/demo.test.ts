/**
 * `sentinel demo` in a real process: a reproducible build, a demo admin whose printed password logs in, a reused build
 * and the same admin with a new password on the second run.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPointer } from '../../lib/publish/pointer.js';
import { tempDataDir } from './fixtures.js';
import { startTestServer, type TestServer } from './harness.js';

const BIN = fileURLToPath(new URL('../../bin/sentinel.js', import.meta.url));

function demo(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [BIN, '--log-level', 'silent', '--data-dir', dataDir, 'demo', '--scale', 'tiny', '--no-serve'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const credentials = (stdout: string) => {
  const m = /demo admin: (\S+)\s+password: (\S+)/.exec(stdout);
  if (!m) throw new Error(`no credentials in ${stdout}`);
  return { name: m[1]!, password: m[2]! };
};

describe('sentinel demo', () => {
  const dataDir = tempDataDir();
  let first: Awaited<ReturnType<typeof demo>>;
  let server: TestServer;

  beforeAll(async () => {
    first = await demo(dataDir);
    server = await startTestServer(dataDir);
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('generates, ingests and publishes a build at the fixed as-of', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(readPointer(dataDir)?.as_of).toBe('2025-12-31');
    expect(first.stderr).toContain('seed 1');
  });

  it('prints an admin password once, stores only its hash, and the password logs in', async () => {
    const { name, password } = credentials(first.stdout);
    expect(password.length).toBeGreaterThanOrEqual(16);
    const users = readFileSync(`${dataDir}/auth/users.json`, 'utf8');
    expect(users).toContain(name);
    expect(users).not.toContain(password);
    const res = await fetch(`${server.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ name, password, next: '/overview' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/overview');
  });

  it('reuses the published build and the demo admin on a second run, with a new password', async () => {
    const build = readPointer(dataDir)!.build_id;
    const second = await demo(dataDir);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`reusing the demo build ${build}`);
    expect(readPointer(dataDir)!.build_id).toBe(build);
    const [before, after] = [credentials(first.stdout), credentials(second.stdout)];
    expect(after.name).toBe(before.name);
    expect(after.password).not.toBe(before.password);
    // One admin and the demo's department user, reused, never added again.
    const users = JSON.parse(readFileSync(`${dataDir}/auth/users.json`, 'utf8')) as { users: { name: string }[] };
    expect(users.users.map((u) => u.name).sort()).toEqual(['demo-admin', 'demo-dept']);
    const login = (password: string) =>
      fetch(`${server.url}/login`, {
        method: 'POST',
        body: new URLSearchParams({ name: after.name, password, next: '/overview' }),
        redirect: 'manual',
      });
    expect((await login(after.password)).status).toBe(303);
    expect((await login(before.password)).status).toBe(401);
  });
});
