/**
 * File modes (issue 12, item 12): after a real generate, ingest, build, user add and a served login
 * (good and bad) through the CLI, every file the product wrote is 0600 and every folder 0700.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../server/fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/sentinel.js', import.meta.url));
const AS_OF = '2025-12-31';

/** One CLI process, awaited without blocking the test's event loop (so its timeout can fire). */
async function sentinel(args: string[], input = '', exitCode = 0): Promise<void> {
  const child = spawn(process.execPath, [BIN, '--log-level', 'silent', ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input);
  const [code] = (await once(child, 'exit')) as [number];
  expect(code, `sentinel ${args.join(' ')}: ${stderr}`).toBe(exitCode);
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? [join(dir, e.name), ...walk(join(dir, e.name))] : [join(dir, e.name)],
  );
}

let serve: ReturnType<typeof spawn> | undefined;
afterAll(() => {
  serve?.kill('SIGTERM');
});

describe('file modes', () => {
  // Generating, ingesting and building through four CLI processes takes minutes on a busy two-core machine.
  it('leaves every file 0600 and every folder 0700 after ingest, build and a login', { timeout: 900_000 }, async () => {
    const root = tempDataDir();
    const dir = join(root, 'data');
    await sentinel(['generate', '--scale', 'tiny', '--seed', '1', '--as-of', AS_OF, '--out', dir]);
    // The generated world plants one file with an unmapped USCC column, refused by name: exit 1 (issue 17).
    await sentinel(['--data-dir', dir, 'ingest'], '', 1);
    await sentinel(['--data-dir', dir, '--as-of', AS_OF, 'build']);
    await sentinel(['--data-dir', dir, 'user', 'add', 'wu', '--role', 'analyst'], 'password for wu\n');
    serve = spawn(process.execPath, [BIN, '--data-dir', dir, '--log-level', 'silent', 'serve', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [line] = (await once(serve.stdout!, 'data')) as [Buffer];
    const url = /on (http:\/\/localhost:\d+)/.exec(line.toString())![1]!;
    const login = (password: string) =>
      fetch(`${url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ name: 'wu', password }).toString(),
      });
    expect((await login('wrong')).status).toBe(401);
    const ok = await login('password for wu');
    expect(ok.status).toBe(303);
    const cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await fetch(`${url}/api/v1/datasets/repeat-violators`, { headers: { cookie } })).status).toBe(200);
    serve.kill('SIGTERM');
    await once(serve, 'exit');
    serve = undefined;

    const entries = walk(dir);
    const names = entries.map((p) => relative(dir, p));
    // The state the issue names is all there, so the modes below are about real files.
    for (const expected of ['warehouse.duckdb', 'published.json', 'auth/users.json', 'builds', 'audit', 'archive'])
      expect(names, expected).toContain(expected);
    expect(names.some((n) => /^builds\/.+\.duckdb$/.test(n))).toBe(true);
    expect(names.some((n) => /^audit\/audit-\d{4}-\d{2}\.jsonl$/.test(n))).toBe(true);
    const wrong = [dir, ...entries]
      .map((p) => ({ p: relative(root, p), st: statSync(p) }))
      .filter(({ st }) => (st.mode & 0o777) !== (st.isDirectory() ? 0o700 : 0o600))
      .map(({ p, st }) => `${p} ${(st.mode & 0o777).toString(8)}`);
    expect(wrong).toEqual([]);
  });
});
