/**
 * 跟踪督办 with issue 18's additions, through a real server on loopback: 佐证材料 uploaded with the form
 * (multipart), stored privately, downloadable by those who may see the item and audited; 逾期办结 for a
 * measure after the due date; and a report of old data running on its own clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readAudit } from '../../lib/auth/audit.js';
import { productFiles, type IssuedReport } from '../../lib/followUp/productSources.js';
import { readActions } from '../../lib/followUp/store.js';
import { A, B, MARKET } from '../server/fixtures.js';
import { DECEMBER, NOW, TODAY, followUpDataDir, signIn, startFollowUpServer } from '../server/followUpFixture.js';
import type { TestServer } from '../server/harness.js';

/** A circular of old data (as of 2025-10-31) issued on the server's today: it runs on its own clock. */
const REPLAYED = '信用办〔2025〕9号';
const replayed: IssuedReport = {
  report_no: REPLAYED,
  period: '2025-10',
  as_of: '2025-10-31',
  build_id: 'b-old',
  issued_at: NOW.toISOString(),
  departments: [MARKET],
  entries: [{ uscc: B, name: '厦门乙<建设>有限公司', report_type: '同一领域频繁违法', domain: 'market' }],
  assignments: [
    {
      uscc: B,
      name: '厦门乙<建设>有限公司',
      department: MARKET,
      role: 'lead',
      measure: '告知',
      due_date: '2025-11-14',
    },
  ],
};

let dir: string;
let server: TestServer;
const cookies: Record<string, string> = {};
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

beforeAll(async () => {
  dir = await followUpDataDir();
  appendFileSync(productFiles.issued(dir), `${JSON.stringify(replayed)}\n`);
  server = await startFollowUpServer(dir);
  for (const u of ['market1', 'tax1', 'office1', 'boss']) cookies[u] = await signIn(server.url, u);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const get = (user: string, path: string) =>
  fetch(`${server.url}${path}`, { headers: { cookie: cookies[user]! }, redirect: 'manual' });

async function token(user: string, report: string, uscc: string): Promise<string> {
  const page = await (await get(user, `/follow-up/record?${new URLSearchParams({ report, uscc }).toString()}`)).text();
  return /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
}

async function postForm(user: string, fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('attachment', new Blob([file.data]), file.name);
  return fetch(`${server.url}/follow-up/actions`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookies[user]! },
    body: form,
  });
}

describe('佐证材料', () => {
  let href = '';

  it('is uploaded with the measure, kept under a random id with private modes, and linked from the list', async () => {
    const csrf = await token('market1', DECEMBER, A);
    const form = await (
      await get('market1', `/follow-up/record?report=${encodeURIComponent(DECEMBER)}&uscc=${A}`)
    ).text();
    expect(form).toContain('enctype="multipart/form-data"');
    expect(form).toContain('name="attachment"');
    const r = await postForm(
      'market1',
      { csrf, report_no: DECEMBER, uscc: A, measure: '约谈', action_date: TODAY, note: '约谈记录见附件' },
      { name: '约谈记录.pdf', data: PDF },
    );
    expect(r.status).toBe(303);
    const action = readActions(dir).at(-1)!;
    expect(action.attachment).toMatchObject({ name: '约谈记录.pdf', type: 'pdf', bytes: PDF.length });
    const file = join(productFiles.attachments(dir), action.attachment!.id);
    expect(readFileSync(file)).toEqual(PDF);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const list = await (await get('market1', r.headers.get('location')!)).text();
    href = `/follow-up/attachments/${action.attachment!.id}`;
    expect(list).toContain(`href="${href}"`);
  });

  it('downloads for the department and the credit office, not for another department or a leader, audited', async () => {
    const mine = await get('market1', href);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toContain('application/pdf');
    expect(mine.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('约谈记录.pdf')}`,
    );
    expect(Buffer.from(await mine.arrayBuffer())).toEqual(PDF);
    expect((await get('office1', href)).status).toBe(200);
    expect((await get('tax1', href)).status).toBe(403);
    expect((await get('boss', href)).status).toBe(403);
    expect((await get('market1', '/follow-up/attachments/0123456789abcdef0123456789abcdef')).status).toBe(404);
    const audit = (await readAudit(dir)).filter((e) => e.action === 'follow_up_attachment');
    expect(audit.map((e) => [e.user, e.target, e.format])).toEqual([
      ['market1', `${DECEMBER}|${A}`, 'pdf'],
      ['office1', `${DECEMBER}|${A}`, 'pdf'],
    ]);
    const recorded = (await readAudit(dir)).find((e) => e.action === 'follow_up_action' && e.user === 'market1');
    expect(recorded?.filters).toMatchObject({ attachment: href.split('/').at(-1) });
  });

  it('refuses a file whose content is not an allowed kind, re-showing the form and writing nothing', async () => {
    const before = readFileSync(productFiles.actions(dir), 'utf8');
    const csrf = await token('market1', DECEMBER, B);
    const r = await postForm(
      'market1',
      { csrf, report_no: DECEMBER, uscc: B, measure: '告知', action_date: TODAY, note: '' },
      { name: '告知书.pdf', data: Buffer.from('MZ\x90\x00 not a pdf') },
    );
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('佐证材料只能是');
    expect(readFileSync(productFiles.actions(dir), 'utf8')).toBe(before);
  });
});

describe('逾期办结 and the clock of old data', () => {
  it('shows a measure recorded after the due date as 逾期办结', async () => {
    // B's tax item was due 2026-01-15; today is 2026-01-20.
    const csrf = await token('tax1', DECEMBER, B);
    const r = await postForm('tax1', {
      csrf,
      report_no: DECEMBER,
      uscc: B,
      measure: '约谈',
      action_date: TODAY,
      note: '',
    });
    expect(r.status).toBe(303);
    const page = await (await get('tax1', `/follow-up?report=${encodeURIComponent(DECEMBER)}`)).text();
    expect(page).toMatch(new RegExp(`data-uscc="${B}"[^]*?data-status="done" data-late>逾期办结<`));
    const en = await (await get('tax1', `/follow-up?report=${encodeURIComponent(DECEMBER)}&lang=en`)).text();
    expect(en).toContain('Done late');
  });

  it('judges a circular of old data at its as-of plus the working days since it was issued', async () => {
    const page = await (await get('market1', `/follow-up?report=${encodeURIComponent(REPLAYED)}`)).text();
    // Issued today: its clock stands at its as-of, so the item is pending although 2025-11-14 is long past.
    expect(page).toContain('data-clock="2025-10-31"');
    expect(page).toMatch(new RegExp(`data-uscc="${B}" data-report="${REPLAYED}"><td><span[^>]*data-status="pending"`));
    const form = await (
      await get('market1', `/follow-up/record?report=${encodeURIComponent(REPLAYED)}&uscc=${B}`)
    ).text();
    expect(form).toContain('max="2025-10-31"');
    const csrf = await token('market1', REPLAYED, B);
    const late = await postForm('market1', {
      csrf,
      report_no: REPLAYED,
      uscc: B,
      measure: '告知',
      action_date: TODAY,
      note: '',
    });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('不能晚于本通报的当前日期 2025-10-31');
    const ok = await postForm('market1', {
      csrf,
      report_no: REPLAYED,
      uscc: B,
      measure: '告知',
      action_date: '2025-10-31',
      note: '',
    });
    expect(ok.status).toBe(303);
    const after = await (await get('market1', `/follow-up?report=${encodeURIComponent(REPLAYED)}`)).text();
    expect(after).toMatch(new RegExp(`data-uscc="${B}" data-report="${REPLAYED}"><td><span[^>]*data-status="done"`));
  });

  it('keeps the latest month as the default view even when an earlier month was issued after it', async () => {
    const page = await (await get('market1', '/follow-up')).text();
    expect(page).toMatch(new RegExp(`<option value="${DECEMBER}" selected`));
  });
});
