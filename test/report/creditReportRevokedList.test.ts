/**
 * The list of issued credit reports on an entity's 出具信用报告 page marks a revoked report 已撤销 with its
 * Asia/Shanghai date (Revoked in English) and leaves the others unmarked. Real server on a loopback port,
 * reports issued by the real POST over a copy of the shared world, one revoked by the real revocation.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { readCreditReports } from '../../lib/creditReport/records.js';
import { revokeReport } from '../../lib/creditReport/revocations.js';
import { withDb } from '../../lib/db.js';
import { silentLog } from '../../lib/log.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { creditReportIssuer } from '../../pipelines/report/credit/issue.js';
import { createApp } from '../../server/app.js';
import { copyOfSharedWorld } from '../sharedWorld/index.js';
import { bearer, userWithToken } from '../server/harness.js';

let dataDir: string;
let url: string;
let server: Server;
let close: () => void;
let token: string;
let uscc: string;

beforeAll(async () => {
  dataDir = await copyOfSharedWorld('credit-revoked-list-');
  const config = loadConfig();
  const log = silentLog();
  const app = createApp({
    dataDir,
    config,
    log,
    creditReports: creditReportIssuer({ dataDir, config, log, chromium: null }),
  });
  close = app.close;
  server = await new Promise<Server>((resolve) => {
    const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  token = await userWithToken(dataDir, 'office', 'credit_office');
  uscc = (await withDb(join(dataDir, readPointer(dataDir)!.file), { readOnly: true }, (db) =>
    db.value<string>(`select uscc from entity_register order by uscc limit 1 offset 5`),
  ))!;
}, 600_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  server?.closeAllConnections();
  close?.();
});

const get = (path: string) => fetch(`${url}${path}`, { ...bearer(token), redirect: 'manual' });

describe('the list of issued credit reports', () => {
  it('marks the revoked report 已撤销 with its Shanghai date, and only that one', async () => {
    for (const variant of ['standard', 'special']) {
      const res = await fetch(`${url}/entities/${uscc}/credit-report`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...bearer(token).headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ variant }).toString(),
      });
      expect(res.status, await res.clone().text()).toBe(303);
    }
    const [first, second] = readCreditReports(dataDir).filter((r) => r.uscc === uscc);
    expect(second).toBeDefined();
    // 23:30 UTC is the next day in Shanghai: the date shown is Shanghai's.
    await revokeReport(
      dataDir,
      { number: first!.report_no, by: 'office', reason: '报告所依据的处罚已撤销' },
      new Date('2026-03-01T23:30:00Z'),
    );

    const html = await (await get(`/entities/${uscc}/credit-report`)).text();
    const row = (id: string) =>
      new RegExp(`<tr><td><a href="/credit-reports/${id}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
    expect(row(first!.id)).toContain('data-revoked="2026-03-02"');
    expect(row(first!.id)).toContain('已撤销 2026-03-02');
    expect(row(second!.id)).not.toBe('');
    expect(row(second!.id)).not.toContain('已撤销');

    const en = await (await get(`/entities/${uscc}/credit-report?lang=en`)).text();
    expect(en).toContain('Revoked 2026-03-02');
  });
});
