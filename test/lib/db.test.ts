import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, withDb } from '../../lib/db.js';

describe('the DuckDB module', () => {
  it('returns plain values: BIGINT as number, DATE as string, lists as arrays', async () => {
    const rows = await withDb(':memory:', {}, (db) =>
      db.all(`select count(*) as n, date '2025-03-04' as d, [1, 2] as l, 1.5::decimal(10,2) as x, ? as p`, ['参数']),
    );
    expect(rows).toEqual([{ n: 1, d: '2025-03-04', l: [1, 2], x: 1.5, p: '参数' }]);
  });

  it('rolls a failed transaction back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'db-'));
    await withDb(join(dir, 'w.duckdb'), {}, async (db) => {
      await db.run('create table t (x int)');
      await expect(
        db.transaction(async () => {
          await db.run('insert into t values (1)');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await db.value('select count(*) from t')).toBe(0);
    });
  });

  it('opens a file read-only for readers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'db-'));
    const path = join(dir, 'w.duckdb');
    await withDb(path, {}, (db) => db.run('create table t as select 42 as x'));
    const ro = await Database.open(path, { readOnly: true });
    const db = await ro.connect();
    expect(await db.value('select x from t')).toBe(42);
    await expect(db.run('insert into t values (1)')).rejects.toThrow(/read-only/i);
    db.close();
    ro.close();
  });
});

describe('a database file held by another process', () => {
  it('is refused with a message naming the process and what to do', async () => {
    const { spawn } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'db-'));
    const path = join(dir, 'w.duckdb');
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./lib/db.ts').then(async (m) => { await m.Database.open(${JSON.stringify(path)}); ` +
          "console.log('open'); setTimeout(() => {}, 60000); })",
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    try {
      await expect(Database.open(path, { readOnly: true })).rejects.toThrow(
        /in use by another process \(PID \d+\).*sentinel start/,
      );
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('reuses a read-only connection’s parametrised statements, and answers each caller with its own values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'db-'));
    const path = join(dir, 'w.duckdb');
    await withDb(path, {}, (db) => db.run('create table t as select range as x, range * 10 as y from range(100)'));
    const ro = await Database.open(path, { readOnly: true });
    const db = await ro.connect();
    try {
      const sql = 'select y from t where x = ?';
      // Sequential calls reuse the one prepared statement; concurrent ones on the same connection must not
      // share its bindings.
      for (const x of [3, 7, 3]) expect(await db.value(sql, [x])).toBe(x * 10);
      const many = await Promise.all(Array.from({ length: 40 }, (_, x) => db.value(sql, [x])));
      expect(many).toEqual(Array.from({ length: 40 }, (_, x) => x * 10));
      await expect(db.value(sql, ['not a number'])).rejects.toThrow(/convert|cast/i);
      expect(await db.value(sql, [9])).toBe(90);
      expect(await db.all('select x from t where x in (?, ?) order by x', [5, 6])).toEqual([{ x: 5 }, { x: 6 }]);
      expect(await db.all('select unnest(?) as s', [['a', 'b']])).toEqual([{ s: 'a' }, { s: 'b' }]);
    } finally {
      db.close();
      ro.close();
    }
  });
});
