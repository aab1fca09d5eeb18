/**
 * A data directory with two issued screening reports and one recorded action, a published build, and a
 * real server on loopback whose clock is fixed (the follow-up status depends on today's date).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../lib/config/load.js';
import { silentLog } from '../../lib/log.js';
import { productFiles, type IssuedReport } from '../../lib/followUp/productSources.js';
import { recordAction } from '../../lib/followUp/store.js';
import { createApp } from '../../server/app.js';
import { A, B, MARKET, TAX, publishFixtureBuild, tempDataDir } from './fixtures.js';
import { PASSWORD, userWithToken, type TestServer } from './harness.js';

export const OFFICE = '区信用办';
export const NOVEMBER = '信用办〔2025〕11号';
export const DECEMBER = '信用办〔2026〕1号';
/** 2026-01-20 in Shanghai: November's items are past due, December's are not. */
export const NOW = new Date('2026-01-20T02:00:00Z');
export const TODAY = '2026-01-20';

const NAMES: Record<string, string> = { [A]: '厦门甲贸易有限公司', [B]: '厦门乙<建设>有限公司' };
const assign = (
  uscc: string,
  department: string,
  due: string,
  measure = '告知',
  role: 'lead' | 'coordinator' = 'lead',
) => ({ uscc, name: NAMES[uscc]!, department, role, measure, due_date: due });

function report(no: string, period: string, asOf: string, assignments: IssuedReport['assignments']): IssuedReport {
  return {
    report_no: no,
    period,
    as_of: asOf,
    build_id: 'b20251231a',
    issued_at: `${asOf}T08:00:00.000Z`,
    departments: [...new Set(assignments.map((a) => a.department))],
    entries: [...new Set(assignments.map((a) => a.uscc))].map((uscc) => ({
      uscc,
      name: NAMES[uscc]!,
      report_type: '同一领域频繁违法',
      domain: 'market',
    })),
    assignments,
  };
}

export async function followUpDataDir(): Promise<string> {
  const dir = tempDataDir();
  await publishFixtureBuild(dir, { buildId: 'b20251231a', asOf: '2025-12-31' });
  mkdirSync(productFiles.dir(dir), { recursive: true });
  writeFileSync(
    productFiles.issued(dir),
    [
      report(NOVEMBER, '2025-11', '2025-11-30', [assign(A, TAX, '2025-12-12', '约谈')]),
      report(DECEMBER, '2025-12', '2025-12-31', [
        assign(A, MARKET, '2026-01-30', '约谈'),
        assign(B, MARKET, '2026-01-30'),
        assign(B, TAX, '2026-01-15'),
        assign(A, OFFICE, '2026-01-30', '牵头协调（约谈）', 'coordinator'),
      ]),
    ]
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
  recordAction(
    dir,
    {
      report_no: DECEMBER,
      uscc: B,
      department: MARKET,
      measure: '告知',
      action_date: '2026-01-05',
      note: '已书面告知',
      recorded_by: 'market0',
    },
    new Date('2026-01-05T03:00:00Z'),
  );
  await userWithToken(dir, 'market1', 'department', MARKET);
  await userWithToken(dir, 'tax1', 'department', TAX);
  await userWithToken(dir, 'office1', 'credit_office');
  await userWithToken(dir, 'boss', 'leader');
  await userWithToken(dir, 'ana', 'analyst');
  return dir;
}

export async function startFollowUpServer(dataDir: string): Promise<TestServer> {
  const { app, close } = createApp({ dataDir, config: loadConfig(), log: silentLog(), now: () => NOW });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

/** Signs in through the login form and returns the session cookie header. */
export async function signIn(url: string, name: string): Promise<string> {
  const r = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ name, password: PASSWORD, next: '/follow-up' }),
  });
  const cookie = r.headers.get('set-cookie');
  if (r.status !== 303 || !cookie) throw new Error(`login of ${name} failed: ${r.status}`);
  return cookie.split(';')[0]!;
}
