/**
 * The audit log is tamper-evident: every line carries the hash of the line before it, across the monthly
 * files; `sentinel audit verify` names the first broken line; two processes appending at once (server and
 * CLI export) never fork the chain.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AuditLog, readAudit } from '../../lib/auth/audit.js';
import { GENESIS } from '../../lib/auth/auditChain.js';
import { verifyAudit } from '../../lib/auth/auditVerify.js';
import { paths } from '../../lib/dataDir.js';
import { tempDataDir } from '../server/fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/sentinel.js', import.meta.url));
const APPEND = fileURLToPath(new URL('./appendAudit.ts', import.meta.url));
const verifyCli = (dataDir: string) =>
  spawnSync(process.execPath, [BIN, '--log-level', 'silent', '--data-dir', dataDir, 'audit', 'verify'], {
    encoding: 'utf8',
  });

const entry = (user: string, target: string) => ({
  user,
  role: 'analyst',
  via: 'session' as const,
  action: 'page_view',
  target,
  filters: { page: '2' },
  format: 'html',
  rows: 50,
  build_id: 'b1',
  ip: '127.0.0.1',
});

/** Three lines in November and two in December 2026. */
async function twoMonths(): Promise<string> {
  const dataDir = tempDataDir();
  const times = ['2026-11-30T10:00:00Z', '2026-11-30T11:00:00Z', '2026-11-30T23:59:59Z', '2026-12-01T00:00:01Z'];
  times.push('2026-12-02T08:00:00Z');
  let i = 0;
  const log = new AuditLog(dataDir, () => new Date(times[i++]!));
  for (const t of times) await log.record(entry('ana', t));
  return dataDir;
}

const nov = (dataDir: string) => paths.auditMonth(dataDir, '2026-11');
const dec = (dataDir: string) => paths.auditMonth(dataDir, '2026-12');

describe('the audit chain', () => {
  it('links every line to the one before it, across the monthly files, from the genesis', async () => {
    const dataDir = await twoMonths();
    const entries = await readAudit(dataDir);
    expect(entries).toHaveLength(5);
    expect(entries[0]!.prev).toBe(GENESIS);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prev).toBe(entries[i - 1]!.hash);
    expect(await verifyAudit(dataDir)).toEqual({ files: 2, lines: 5, broken: null });
    const ok = verifyCli(dataDir);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('审计日志完好：2 个文件，5 行');
    // Only the service's user reads who read what.
    expect(statSync(nov(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(paths.audit(dataDir)).mode & 0o777).toBe(0o700);
  });

  it('names the file and line of a changed line, and exits 1', async () => {
    const dataDir = await twoMonths();
    const lines = readFileSync(nov(dataDir), 'utf8').split('\n');
    lines[1] = lines[1]!.replace('"user":"ana"', '"user":"bob"');
    writeFileSync(nov(dataDir), lines.join('\n'));
    const run = verifyCli(dataDir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('audit-2026-11.jsonl 第 2 行');
    expect(run.stderr).toContain('the line was changed after it was written');
  });

  it('names the line after a removed one, even across months', async () => {
    const dataDir = await twoMonths();
    const lines = readFileSync(nov(dataDir), 'utf8').split('\n');
    writeFileSync(nov(dataDir), [lines[0], lines[1], ''].join('\n'));
    expect((await verifyAudit(dataDir)).broken).toEqual({
      file: 'audit-2026-12.jsonl',
      line: 1,
      problem: 'prev does not match the hash of the line before it',
    });
  });

  it('names a line rewritten with a fresh hash of its own: the next line no longer follows it', async () => {
    const dataDir = await twoMonths();
    const lines = readFileSync(dec(dataDir), 'utf8').split('\n');
    // A forger who recomputes the changed line's own hash still breaks the link from the next line.
    const { createHash } = await import('node:crypto');
    const body = lines[0]!.replace(/,"hash":"[0-9a-f]{64}"\}$/, '}').replace('"rows":50', '"rows":5');
    lines[0] = `${body.slice(0, -1)},"hash":"${createHash('sha256').update(body).digest('hex')}"}`;
    writeFileSync(dec(dataDir), lines.join('\n'));
    expect((await verifyAudit(dataDir)).broken).toMatchObject({ file: 'audit-2026-12.jsonl', line: 2 });
  });

  it('is not forked by two processes appending at once', async () => {
    const dataDir = tempDataDir();
    const child = (who: string) =>
      spawn(process.execPath, ['--import', 'tsx', APPEND, dataDir, who, '150'], { stdio: 'inherit' });
    const a = child('server');
    const b = child('cli');
    await Promise.all([once(a, 'exit'), once(b, 'exit')]);
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    const entries = await readAudit(dataDir);
    expect(entries).toHaveLength(300);
    expect(await verifyAudit(dataDir)).toMatchObject({ lines: 300, broken: null });
  });
});
