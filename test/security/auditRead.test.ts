/**
 * readAudit keeps each month file's parsed entries and reads only what was appended since
 * (lib/auth/audit.ts): it must still see every line another writer adds, never a half-written line,
 * and a file put in place of the old one (another inode, or shorter) is read again whole.
 */
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { AuditLog, readAudit } from '../../lib/auth/audit.js';
import { paths } from '../../lib/dataDir.js';
import { tempDataDir } from '../server/fixtures.js';
import { auditEntry } from './auditEntry.js';

const entry = auditEntry;
const targets = async (dataDir: string) => (await readAudit(dataDir)).map((e) => e.target);

it('reads what was appended since, by this process or another, and never half a line', async () => {
  const dataDir = tempDataDir();
  const at = () => new Date('2026-12-07T08:00:00Z');
  const first = new AuditLog(dataDir, at);
  for (const t of ['a', 'b', 'c']) await first.record(entry(t));
  expect(await targets(dataDir)).toEqual(['a', 'b', 'c']);
  // Another writer (a new AuditLog stands for the CLI's process) appends to the same month.
  const other = new AuditLog(dataDir, at);
  await other.record(entry('d'));
  await first.record(entry('e'));
  expect(await targets(dataDir)).toEqual(['a', 'b', 'c', 'd', 'e']);

  // A line caught while it is being written is not read until it is whole.
  const file = paths.auditMonth(dataDir, '2026-12');
  const whole = readFileSync(file, 'utf8');
  const last = whole.slice(whole.lastIndexOf('\n', whole.length - 2) + 1);
  const copy = `${file}.copy`;
  appendFileSync(file, last.slice(0, 20));
  expect(await targets(dataDir)).toEqual(['a', 'b', 'c', 'd', 'e']);
  appendFileSync(file, last.slice(20));
  expect(await targets(dataDir)).toEqual(['a', 'b', 'c', 'd', 'e', 'e']);

  // The file replaced by another (a restore from backup): read again from its start, whether the new
  // file is shorter or as long and more.
  writeFileSync(copy, whole.split('\n').slice(0, 2).join('\n') + '\n');
  renameSync(copy, file);
  expect(await targets(dataDir)).toEqual(['a', 'b']);
  const lines = whole.split('\n').filter(Boolean);
  writeFileSync(copy, [lines[4], ...lines, ''].join('\n'));
  renameSync(copy, file);
  expect(await targets(dataDir)).toEqual(['e', 'a', 'b', 'c', 'd', 'e']);
});

it('answers many reads at once alike, each with every entry', async () => {
  const dataDir = tempDataDir();
  const log = new AuditLog(dataDir, () => new Date('2026-12-07T08:00:00Z'));
  for (let i = 0; i < 50; i++) await log.record(entry(`t${i}`));
  const reads = await Promise.all(Array.from({ length: 32 }, () => targets(dataDir)));
  const all = Array.from({ length: 50 }, (_, i) => `t${i}`);
  for (const r of reads) expect(r).toEqual(all);
  await log.record(entry('t50'));
  const again = await Promise.all(Array.from({ length: 8 }, () => targets(dataDir)));
  for (const r of again) expect(r).toEqual([...all, 't50']);
});
