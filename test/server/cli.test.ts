import { describe, it, expect, afterEach } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { authFilePath } from '../../lib/auth/store.js';
import { publishFixtureBuild, tempDataDir } from './fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/sentinel.js', import.meta.url));
const sentinel = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, '--log-level', 'silent', ...args], { encoding: 'utf8', input: input ?? '' });

let serve: ChildProcess | undefined;
afterEach(async () => {
  if (serve && serve.exitCode === null) {
    serve.kill('SIGTERM');
    await once(serve, 'exit');
  }
  serve = undefined;
});

describe('sentinel user', () => {
  it('creates a user with a generated password printed once, and stores only hashes', () => {
    const dataDir = tempDataDir();
    const run = sentinel(['--data-dir', dataDir, 'user', 'add', 'zhang', '--role', 'analyst']);
    expect(run.status, run.stderr).toBe(0);
    const password = /password \(shown once\): (\S+)/.exec(run.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const token = sentinel(['--data-dir', dataDir, 'user', 'token', 'zhang']);
    expect(token.status, token.stderr).toBe(0);
    expect(token.stdout.trim()).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);
    const file = readFileSync(authFilePath(dataDir), 'utf8');
    expect(file).not.toContain(password!);
    expect(file).not.toContain(token.stdout.trim());
    expect(file).toContain('"password_hash": "scrypt$');
  });

  it('refuses an unknown role, a department user without a department, a duplicate and a token for nobody', () => {
    const dataDir = tempDataDir();
    const role = sentinel(['--data-dir', dataDir, 'user', 'add', 'li', '--role', 'boss']);
    expect(role.status).toBe(1);
    expect(role.stderr).toContain('unknown role "boss"');
    const dept = sentinel(['--data-dir', dataDir, 'user', 'add', 'li', '--role', 'department']);
    expect(dept.status).toBe(1);
    expect(dept.stderr).toContain('--department');
    expect(sentinel(['--data-dir', dataDir, 'user', 'add', 'li', '--role', 'leader'], 'a long password\n').status).toBe(
      0,
    );
    expect(
      sentinel(['--data-dir', dataDir, 'user', 'add', 'li', '--role', 'leader'], 'a long password\n').stderr,
    ).toContain('already exists');
    expect(sentinel(['--data-dir', dataDir, 'user', 'token', 'wang']).stderr).toContain('no user "wang"');
  });
});

describe('sentinel serve', () => {
  it('serves the published build, and users and tokens added while it runs work at once', async () => {
    const dataDir = tempDataDir();
    await publishFixtureBuild(dataDir, { buildId: 'b1', asOf: '2025-12-31' });
    serve = spawn(
      process.execPath,
      [BIN, '--data-dir', dataDir, '--log-level', 'silent', 'serve', '--port', '0', '--host', '127.0.0.1'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const [line] = (await once(serve.stdout!, 'data')) as [Buffer];
    const url = /on (http:\/\/localhost:\d+)/.exec(line.toString())![1]!;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const add = sentinel(
      ['--data-dir', dataDir, 'user', 'add', 'wu', '--role', 'department', '--department', '某局'],
      'password for wu\n',
    );
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).not.toContain('password for wu');
    const token = sentinel(['--data-dir', dataDir, 'user', 'token', 'wu']).stdout.trim();
    const res = await fetch(`${url}/api/v1/datasets/publicity-quality`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(0);
    const login = await fetch(`${url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=wu&password=password+for+wu',
    });
    expect(login.status).toBe(303);

    serve.kill('SIGTERM');
    const [code] = (await once(serve, 'exit')) as [number];
    expect(code).toBe(0);
  });

  it('refuses a port that is not a number', () => {
    const run = sentinel(['--data-dir', tempDataDir(), 'serve', '--port', 'eighty']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--port must be a number');
  });
});
