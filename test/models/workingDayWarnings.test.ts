/**
 * Working days in the warnings (docs/rules.md): source_stale counts the official calendar's working days
 * (2025 国庆: 1–8 October off, Sunday 28 September and Saturday 11 October worked), a span the calendar
 * does not cover is named rather than guessed, and a department's overdue follow-up escalates to the
 * credit office after `warnings.follow_up_escalation_working_days` working days — in its inbox, marked 升级.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { silentLog } from '../../lib/log.js';
import { AuthStore } from '../../lib/auth/store.js';
import { productFiles, type IssuedReport } from '../../lib/followUp/productSources.js';
import { deliverPublished } from '../../lib/subscriptions/deliverPublished.js';
import { readInbox } from '../../lib/subscriptions/inbox.js';
import { saveSubscription } from '../../lib/subscriptions/subscription.js';
import { build } from '../../pipelines/build/build.js';
import { startTestServer } from '../server/harness.js';
import { World, penalty, uscc } from './world.js';

const MARKET = '厦门市海沧区市场监督管理局';
const REPORT = '信用办〔2025〕9号';
const world = new World();

type Staleness = { working_days: number; calendar_days: number; is_stale: boolean };
type Warning = { warning_id: string; level: string; status: string; evidence: string[] };
const snapshot = async () => ({
  penalties: (
    await world.query<Staleness>(
      `select working_days::integer as working_days, calendar_days::integer as calendar_days, is_stale
       from int_sources_staleness where source = 'penalties'`,
    )
  )[0]!,
  warnings: await world.query<Warning>(
    `select warning_id, level, status, evidence from warnings
     where warning_id in ('source_stale:penalties', 'follow_up_overdue:${MARKET}', 'follow_up_escalated:${MARKET}')
     order by warning_id`,
  ),
});
type Snapshot = Awaited<ReturnType<typeof snapshot>>;
const ids = (s: Snapshot) => s.warnings.map((w) => w.warning_id);

let oct9: Snapshot;
let oct9Calendar: Snapshot;
let oct10: Snapshot;
let oct17: Snapshot;
let jan2027: Snapshot;
let officeInbox: ReturnType<typeof readInbox>;
let marketInbox: ReturnType<typeof readInbox>;
let completionPage: string;
let marketPage: string;

beforeAll(async () => {
  const company = { uscc: uscc(1), name: '厦门测试1号有限公司' };
  world.deliver('penalties', [penalty(company, '2025-09-30')], '20250930_市场监管行政处罚.csv');
  world.deliver('penalties', [penalty(company, '2026-12-30')], '20261230_市场监管行政处罚.csv');
  const report: IssuedReport = {
    report_no: REPORT,
    period: '2025-08',
    as_of: '2025-09-12',
    build_id: 'b20250912',
    issued_at: '2025-09-12T01:00:00.000Z',
    departments: [MARKET],
    entries: [{ uscc: uscc(1), name: company.name, report_type: '同一领域频繁违法', domain: 'market' }],
    assignments: [
      { uscc: uscc(1), name: company.name, department: MARKET, role: 'lead', measure: '告知', due_date: '2025-09-26' },
    ],
  };
  mkdirSync(productFiles.dir(world.dir), { recursive: true });
  writeFileSync(productFiles.issued(world.dir), `${JSON.stringify(report)}\n`);
  await world.ingest();

  await world.build('2025-10-09');
  oct9 = await snapshot();
  await world.build('2025-10-09', {
    warnings: { source_expected_interval_unit: 'calendar_days', source_expected_interval_days: { penalties: 7 } },
  });
  oct9Calendar = await snapshot();

  await world.build('2025-10-10');
  oct10 = await snapshot();
  const users = new AuthStore(world.dir);
  await users.addUser({ name: 'office1', role: 'credit_office', department: null, password: 'x'.repeat(12) });
  await users.addUser({ name: 'market1', role: 'department', department: MARKET, password: 'x'.repeat(12) });
  // The credit office chose source_stale only: escalations reach it all the same.
  await saveSubscription(world.dir, 'office1', {
    kinds: ['source_stale'],
    levels: ['yellow'],
    departments: [],
    email: null,
    updated_at: null,
  });
  await deliverPublished(world.dir, users, loadConfig().warnings.levels, new Date());
  officeInbox = readInbox(world.dir, 'office1');
  marketInbox = readInbox(world.dir, 'market1');
  const server = await startTestServer(world.dir);
  try {
    const auth = { headers: { authorization: `Bearer ${(await users.addToken('office1')).token}` } };
    const get = async (path: string) => (await fetch(`${server.url}${path}`, auth)).text();
    completionPage = await get('/follow-up?report=all');
    marketPage = await get(`/follow-up?department=${encodeURIComponent(MARKET)}&report=all`);
  } finally {
    await server.stop();
  }

  await world.build('2025-10-17');
  oct17 = await snapshot();
  // After the last year chinese-days covers (2026): built as a rehearsal of a future as-of.
  const r = await build({
    dataDir: world.dir,
    asOf: '2027-01-06',
    config: loadConfig(),
    log: silentLog(),
    allowFuture: true,
  });
  expect(r.published).toBe(true);
  jan2027 = await snapshot();
}, 400_000);

describe('source_stale in working days', () => {
  it('counts the working days after the last file: 9 calendar days over 国庆 hold one working day (9 October)', () => {
    expect(oct9.penalties).toEqual({ working_days: 1, calendar_days: 9, is_stale: false });
    expect(ids(oct9)).not.toContain('source_stale:penalties');
  });

  it('the calendar-day unit, still a configuration choice, judges the same span stale', () => {
    expect(oct9Calendar.penalties).toMatchObject({ calendar_days: 9, is_stale: true });
    expect(oct9Calendar.warnings.find((w) => w.warning_id === 'source_stale:penalties')).toMatchObject({
      level: 'yellow',
      evidence: ['20250930_市场监管行政处罚.csv'],
    });
  });

  it('counts the adjusted Saturday (11 October) as a working day: 8 working days by 17 October is stale', () => {
    expect(oct17.penalties).toEqual({ working_days: 8, calendar_days: 17, is_stale: true });
    expect(oct17.warnings.find((w) => w.warning_id === 'source_stale:penalties')?.evidence).toEqual([
      '20250930_市场监管行政处罚.csv',
    ]);
  });

  it('never takes an uncovered day for an ordinary one: the warning names the days the calendar lacks', () => {
    // 31 December 2026 is the one covered working day; 1–6 January 2027 are not in the calendar.
    expect(jan2027.penalties).toMatchObject({ working_days: 1, is_stale: true });
    expect(jan2027.warnings.find((w) => w.warning_id === 'source_stale:penalties')?.evidence).toEqual([
      '20261230_市场监管行政处罚.csv',
      'calendar_uncovered:2027-01-01..2027-01-06',
    ]);
  });
});

describe('follow-up escalation after N working days overdue', () => {
  it('is not escalated after 4 working days overdue (28, 29, 30 September and 9 October)', () => {
    expect(ids(oct9)).toContain(`follow_up_overdue:${MARKET}`);
    expect(ids(oct9)).not.toContain(`follow_up_escalated:${MARKET}`);
  });

  it('escalates on the 5th working day as its own red kind, leaving the follow_up_overdue row as it was', () => {
    const escalated = oct10.warnings.find((w) => w.warning_id === `follow_up_escalated:${MARKET}`);
    expect(escalated).toEqual({
      warning_id: `follow_up_escalated:${MARKET}`,
      level: 'red',
      status: 'new',
      evidence: [`follow_up:${REPORT}|${uscc(1)}`],
    });
    const overdue = (s: Snapshot) => s.warnings.find((w) => w.warning_id === `follow_up_overdue:${MARKET}`);
    expect({ ...overdue(oct10), status: 'new' }).toEqual(overdue(oct9));
  });

  it('reaches the credit office marked 升级 though it did not subscribe to the kind; the department sees it too', () => {
    const office = officeInbox.filter((i) => i.kind === 'follow_up_escalated');
    expect(office.map((i) => [i.subject_id, i.escalated, i.read_at])).toEqual([[MARKET, true, null]]);
    expect(officeInbox.every((i) => i.kind === 'follow_up_escalated' || i.kind === 'source_stale')).toBe(true);
    expect(marketInbox.map((i) => i.warning_id)).toContain(`follow_up_escalated:${MARKET}`);
    expect(marketInbox.every((i) => i.subject_id === MARKET)).toBe(true);
  });

  it('is marked 升级 on the follow-up page: the department in the completion table, the assignment in its list', () => {
    expect(completionPage).toMatch(new RegExp(`<tr data-department="${MARKET}"><td>.*data-escalated>升级</span>`));
    expect(marketPage).toMatch(new RegExp(`<tr data-uscc="${uscc(1)}"[^>]*><td>.*data-escalated>升级</span></td>`));
  });
});
