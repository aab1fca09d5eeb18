import { describe, it, expect, afterEach } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { authFilePath } from '../../lib/auth/store.js';
import { readAudit } from '../../lib/auth/audit.js';
import { knownDepartments } from '../../lib/publish/departments.js';
import { MARKET, publishFixtureBuild, tempDataDir } from './fixtures.js';

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

describe('sentinel user list, remove, passwd and role', () => {
  it('lists users by pinyin with their tokens, changes a password and a role, removes a user, audits each', async () => {
    const dataDir = tempDataDir();
    const at = (...args: string[]) => sentinel(['--data-dir', dataDir, 'user', ...args], 'first password\n');
    for (const n of ['周', '安', '李']) expect(at('add', n, '--role', 'analyst').status).toBe(0);
    expect(at('token', '李').status).toBe(0);
    const list = at('list');
    expect(list.status, list.stderr).toBe(0);
    const rows = list.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'));
    // 安 (an), 李 (li), 周 (zhou): pinyin order, not code-point order (周 U+5468 < 安 U+5B89 < 李 U+674E).
    expect(rows.map((r) => [r[0], r[1], r[4]])).toEqual([
      ['安', 'analyst', '0'],
      ['李', 'analyst', '1'],
      ['周', 'analyst', '0'],
    ]);

    const before = JSON.parse(readFileSync(authFilePath(dataDir), 'utf8')) as {
      users: { name: string; password_hash: string }[];
    };
    const passwd = sentinel(['--data-dir', dataDir, 'user', 'passwd', '安']);
    expect(passwd.stdout).toMatch(/new password \(shown once\): \S{16,}/);
    const after = JSON.parse(readFileSync(authFilePath(dataDir), 'utf8')) as typeof before;
    const hash = (f: typeof before) => f.users.find((u) => u.name === '安')!.password_hash;
    expect(hash(after)).not.toBe(hash(before));

    expect(at('role', '周', '--role', 'leader').stdout).toContain('周 is now leader');
    expect(at('role', '周', '--role', 'department').stderr).toContain('--department');
    expect(at('remove', '李').status).toBe(0);
    const file = readFileSync(authFilePath(dataDir), 'utf8');
    expect(file).not.toContain('"李"');
    expect(at('remove', '李').stderr).toContain('no user "李"');

    const audit = (await readAudit(dataDir)).map((e) => [e.action, e.target, e.via]);
    expect(audit).toEqual([
      ['user_add', '周', 'cli'],
      ['user_add', '安', 'cli'],
      ['user_add', '李', 'cli'],
      ['token_issue', '李', 'cli'],
      ['user_passwd', '安', 'cli'],
      ['user_role', '周', 'cli'],
      ['user_remove', '李', 'cli'],
    ]);
  });

  it('checks --department against the departments of the published build', async () => {
    const dataDir = tempDataDir();
    await publishFixtureBuild(dataDir, { buildId: 'b20251231a', asOf: '2025-12-31' });
    const known = await knownDepartments(dataDir);
    expect(known!.length).toBeGreaterThan(0);
    const add = (dept: string) =>
      sentinel(
        ['--data-dir', dataDir, 'user', 'add', `u${dept.length}`, '--role', 'department', '--department', dept],
        'first password\n',
      );
    const wrong = add('不存在的局');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('部门「不存在的局」不在已发布数据的报送部门中');
    expect(add(known![0]!).status).toBe(0);
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
      ['--data-dir', dataDir, 'user', 'add', 'wu', '--role', 'department', '--department', MARKET],
      'password for wu\n',
    );
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).not.toContain('password for wu');
    const token = sentinel(['--data-dir', dataDir, 'user', 'token', 'wu']).stdout.trim();
    const res = await fetch(`${url}/api/v1/datasets/publicity-quality`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    // Its own department's rows only.
    const answer = (await res.json()) as { total: number; rows: { department: string }[] };
    expect(answer.total).toBeGreaterThan(0);
    expect(answer.rows.every((r) => r.department === MARKET)).toBe(true);
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
