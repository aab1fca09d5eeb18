/**
 * The credit report through the server, on a loopback port over the shared world: the profile's button
 * for the roles that may issue reports, the form, the POST that issues, the report's page and download,
 * every step audited; and GET /verify/<code> without signing in, answering only whether the report was
 * issued and its digests.
 */
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../lib/auth/audit.js';
import { mayIssueReports, ROLES, seesIdentityNumbers } from '../../lib/auth/roles.js';
import { loadConfig } from '../../lib/config/load.js';
import { readRevocations } from '../../lib/creditReport/revocations.js';
import { readCreditReports } from '../../lib/creditReport/records.js';
import { withDb } from '../../lib/db.js';
import { silentLog } from '../../lib/log.js';
import { paths } from '../../lib/dataDir.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { creditReportIssuer } from '../../pipelines/report/credit/issue.js';
import { createApp } from '../../server/app.js';
import { copyOfSharedWorld } from '../sharedWorld/index.js';
import { bearer, userWithToken } from '../server/harness.js';

let dataDir: string;
let url: string;
let server: Server;
let close: () => void;
let target: { uscc: string; name: string };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  dataDir = await copyOfSharedWorld('credit-server-');
  const config = loadConfig();
  const log = silentLog();
  // No PDF here (test/report/credit.test.ts prints one): the DOCX is enough to follow the flow.
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
  for (const role of ['credit_office', 'analyst', 'leader'] as const)
    tokens[role] = await userWithToken(dataDir, role, role);
  const found = await withDb(join(dataDir, readPointer(dataDir)!.file), { readOnly: true }, (db) =>
    db.one<{ uscc: string; name: string }>(`select uscc, name from entity_register order by uscc limit 1 offset 11`),
  );
  if (!found) throw new Error('the shared world has no register');
  target = found;
}, 600_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  server?.closeAllConnections();
  close?.();
});

const call = (path: string, role: string | null, init: RequestInit = {}) =>
  fetch(`${url}${path}`, {
    redirect: 'manual',
    ...init,
    headers: { ...(role ? bearer(tokens[role]!).headers : {}), ...(init.headers as Record<string, string>) },
  });

const issue = (role: string, variant: string) =>
  call(`/entities/${target.uscc}/credit-report`, role, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ variant }).toString(),
  });

describe('who may issue', () => {
  it('gives the right to the roles that see identity numbers, which the cached profile page is keyed by', () => {
    for (const role of ROLES) {
      const p = { name: 'x', role, department: null, via: 'session' as const };
      expect(mayIssueReports(p), role).toBe(seesIdentityNumbers(p));
    }
  });

  it('shows the button on the profile to the credit office only, and refuses analysts and leaders', async () => {
    const button = `href="/entities/${target.uscc}/credit-report"`;
    expect(await (await call(`/entities/${target.uscc}`, 'credit_office')).text()).toContain(button);
    expect(await (await call(`/entities/${target.uscc}`, 'analyst')).text()).not.toContain(button);
    for (const role of ['analyst', 'leader']) {
      expect((await call(`/entities/${target.uscc}/credit-report`, role)).status, role).toBe(403);
      expect((await issue(role, 'standard')).status, role).toBe(403);
    }
    expect(readCreditReports(dataDir)).toEqual([]);
  });
});

describe('issuing from the profile', () => {
  let id: string;

  it('offers both variants, issues the chosen one and sends the clerk to the report', async () => {
    const form = await call(`/entities/${target.uscc}/credit-report`, 'credit_office');
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain(target.name);
    expect(page).toContain('value="special"');
    const res = await issue('credit_office', 'special');
    expect(res.status, await res.clone().text()).toBe(303);
    const record = readCreditReports(dataDir).at(-1)!;
    expect(record).toMatchObject({
      uscc: target.uscc,
      variant: 'special',
      issued_by: 'credit_office',
      name: target.name,
    });
    id = record.id;
    expect(res.headers.get('location')).toBe(`/credit-reports/${id}`);
    const shown = await (await call(`/credit-reports/${id}`, 'credit_office')).text();
    expect(shown).toContain(record.verification_code);
    expect(shown).toContain(record.digest);
    expect((await issue('credit_office', 'everything')).status).toBe(400);
  });

  it('downloads the DOCX that was recorded, and audits issue and download', async () => {
    const record = readCreditReports(dataDir).at(-1)!;
    const res = await call(`/credit-reports/${id}/report.docx`, 'credit_office');
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(record.files.docx.sha256);
    expect((await call(`/credit-reports/${id}/report.pdf`, 'credit_office')).status).toBe(404);
    expect((await call(`/credit-reports/${id}/report.docx`, 'analyst')).status).toBe(403);
    const audit = await readAudit(dataDir);
    expect(audit).toContainEqual(
      expect.objectContaining({
        user: 'credit_office',
        action: 'credit_report_issue',
        target: target.uscc,
        filters: { report_no: record.report_no, variant: 'special' },
      }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({ user: 'credit_office', action: 'credit_report_download', target: target.uscc }),
    );
  });
});

describe('GET /verify/<code>', () => {
  it('confirms an issued report without signing in, with its digests and nothing about the entity', async () => {
    const record = readCreditReports(dataDir).at(-1)!;
    const page = await call(`/verify/${record.verification_code}`, null);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-issued="true"');
    expect(html).toContain(record.digest);
    expect(html).toContain(record.files.docx.sha256);
    for (const secret of [target.uscc, target.name, record.issued_by]) expect(html).not.toContain(secret);
    // Typed loosely: lower case, no dashes.
    const json = await call(`/verify/${record.verification_code.replace(/-/g, '').toLowerCase()}?format=json`, null);
    expect(await json.json()).toEqual({
      issued: true,
      code: record.verification_code,
      report_no: record.report_no,
      issued_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      issuing_office: record.issuing_office,
      digest: record.digest,
      files: { pdf: null, docx: record.files.docx.sha256 },
      revoked: false,
    });
  });

  it('says plainly that an unknown code was not issued', async () => {
    for (const code of ['ABCD-EFGH-JKMN-PQRS', 'not-a-code']) {
      const res = await call(`/verify/${code}`, null);
      expect(res.status, code).toBe(404);
      expect(await res.text()).toContain('未查询到该验证码');
    }
    const json = await call(`/verify/ABCD-EFGH-JKMN-PQRS`, null, { headers: { accept: 'application/json' } });
    expect(await json.json()).toEqual({ issued: false, code: 'ABCD-EFGH-JKMN-PQRS' });
  });

  it('says a revoked report was revoked and when, never by whom or why; only the office revokes, with a reason, once', async () => {
    const record = readCreditReports(dataDir).at(-1)!;
    const revoke = (role: string, reason: string) =>
      call(`/credit-reports/${record.id}/revoke`, role, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ reason }).toString(),
      });
    expect((await revoke('analyst', '出具有误')).status).toBe(403);
    expect((await call(`/credit-reports/${record.id}/revoke`, 'leader')).status).toBe(403);
    const empty = await revoke('credit_office', '  ');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('须填写理由');
    expect(readRevocations(dataDir)).toEqual([]);
    const res = await revoke('credit_office', '申请人撤回，报告作废');
    expect(res.status, await res.clone().text()).toBe(303);
    expect((await revoke('credit_office', '再次')).status).toBe(400);
    const shown = await (await call(`/credit-reports/${record.id}/revoke`, 'credit_office')).text();
    expect(shown).toContain('申请人撤回，报告作废');
    const json = (await (await call(`/verify/${record.verification_code}?format=json`, null)).json()) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({
      issued: true,
      revoked: true,
      revoked_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const html = await (await call(`/verify/${record.verification_code}`, null)).text();
    expect(html).toContain('data-revoked="true"');
    for (const secret of [target.uscc, target.name, 'credit_office', '申请人撤回']) expect(html).not.toContain(secret);
    expect(statSync(paths.creditReportRevocations(dataDir)).mode & 0o777).toBe(0o600);
    expect(
      (await readAudit(dataDir)).some((a) => a.action === 'credit_report_revoke' && a.target === record.uscc),
    ).toBe(true);
  });
});
