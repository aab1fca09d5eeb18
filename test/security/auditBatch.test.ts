/**
 * Concurrent reads are audited in batches (lib/auth/audit.ts): the entries that arrive while an append runs
 * are written by the next one. Every entry still gets its own line, in the order the reads were recorded,
 * the chain stays whole, and each caller's promise resolves only once its line is in the file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AuditLog, readAudit } from '../../lib/auth/audit.js';
import { verifyAudit } from '../../lib/auth/auditVerify.js';
import { paths } from '../../lib/dataDir.js';
import { tempDataDir } from '../server/fixtures.js';
import { auditEntry } from './auditEntry.js';

const entry = auditEntry;

describe('audit appends under concurrency', () => {
  it('writes one chained line per entry, in recording order, each on disk when its promise resolves', async () => {
    const dataDir = tempDataDir();
    const log = new AuditLog(dataDir, () => new Date('2026-12-07T08:00:00Z'));
    const file = paths.auditMonth(dataDir, '2026-12');
    const onDisk: boolean[] = [];
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        log.record(entry(`t${i}`)).then(() => onDisk.push(readFileSync(file, 'utf8').includes(`"target":"t${i}"`))),
      ),
    );
    expect(onDisk).toHaveLength(300);
    expect(onDisk.every(Boolean)).toBe(true);
    expect((await readAudit(dataDir)).map((e) => e.target)).toEqual(Array.from({ length: 300 }, (_, i) => `t${i}`));
    expect(await verifyAudit(dataDir)).toMatchObject({ broken: null });
  });

  it('splits a batch that spans the month end between the two files, with one chain across them', async () => {
    const dataDir = tempDataDir();
    const times = ['2026-11-30T23:59:59.998Z', '2026-11-30T23:59:59.999Z', '2026-12-01T00:00:00.000Z'];
    let k = 0;
    const log = new AuditLog(dataDir, () => new Date(times[Math.min(k++, times.length - 1)]!));
    await Promise.all(['a', 'b', 'c', 'd'].map((t) => log.record(entry(t))));
    const nov = readFileSync(paths.auditMonth(dataDir, '2026-11'), 'utf8').trim().split('\n');
    const dec = readFileSync(paths.auditMonth(dataDir, '2026-12'), 'utf8').trim().split('\n');
    expect([nov.length, dec.length]).toEqual([2, 2]);
    expect(await verifyAudit(dataDir)).toMatchObject({ broken: null });
  });

  it('continues the chain after another writer appended, though this log remembers where it ended', async () => {
    const dataDir = tempDataDir();
    const at = () => new Date('2026-12-07T08:00:00Z');
    // Two logs on one folder stand for the server and a CLI export: each keeps its own idea of the chain's end.
    const server = new AuditLog(dataDir, at);
    const cli = new AuditLog(dataDir, at);
    for (const [log, t] of [
      [server, 's1'],
      [server, 's2'],
      [cli, 'c1'],
      [server, 's3'],
      [cli, 'c2'],
      [server, 's4'],
    ] as const)
      await log.record(entry(t));
    expect((await readAudit(dataDir)).map((e) => e.target)).toEqual(['s1', 's2', 'c1', 's3', 'c2', 's4']);
    expect(await verifyAudit(dataDir)).toMatchObject({ broken: null });
  });
});
