import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { productFiles, type IssuedReport } from '../../lib/followUp/productSources.js';
import { recordAction } from '../../lib/followUp/store.js';
import { World, uscc } from './world.js';

const MARKET = '厦门市海沧区市场监督管理局';
const TAX = '国家税务总局厦门市海沧区税务局';
const ENV = '厦门市海沧生态环境局';
const OFFICE = '区信用办';
const JUNE = '信用办〔2025〕1号';
const AUGUST = '信用办〔2025〕2号';

const assignment = (n: number, department: string, due: string, role: 'lead' | 'coordinator' = 'lead') => ({
  uscc: uscc(n),
  name: `厦门测试${n}号有限公司`,
  department,
  role,
  measure: role === 'lead' ? '告知' : '牵头协调（约谈）',
  due_date: due,
});

function report(no: string, period: string, asOf: string, assignments: IssuedReport['assignments']): IssuedReport {
  return {
    report_no: no,
    period,
    as_of: asOf,
    build_id: `b${asOf.replaceAll('-', '')}`,
    issued_at: `${asOf}T01:00:00.000Z`,
    departments: [...new Set(assignments.map((a) => a.department))],
    entries: assignments.map((a) => ({
      uscc: a.uscc,
      name: a.name,
      report_type: '同一领域频繁违法',
      domain: 'market',
    })),
    assignments,
  };
}

const world = new World();
type WarningRow = {
  warning_id: string;
  subject_id: string;
  subject_name: string;
  level: string;
  status: string;
  first_seen: string;
  evidence: string[];
};
const followUpWarnings = (): Promise<WarningRow[]> =>
  world.query<WarningRow>(
    `select warning_id, subject_id, subject_name, level, status, first_seen, evidence from warnings where kind = 'follow_up_overdue' order by subject_id`,
  );

let july15: WarningRow[];
let july31: WarningRow[];
let august10: WarningRow[];

beforeAll(async () => {
  mkdirSync(productFiles.dir(world.dir), { recursive: true });
  writeFileSync(
    productFiles.issued(world.dir),
    [
      report(JUNE, '2025-06', '2025-06-30', [
        assignment(1, MARKET, '2025-07-14'),
        assignment(2, MARKET, '2025-07-14'),
        assignment(3, TAX, '2025-07-14'),
        assignment(4, ENV, '2025-07-31'),
        assignment(3, OFFICE, '2025-07-14', 'coordinator'),
      ]),
      // Issued after the first two builds' as-of: not known to them.
      report(AUGUST, '2025-07', '2025-08-05', [assignment(5, ENV, '2025-08-06')]),
    ]
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
  const act = (n: number, department: string, date: string) =>
    recordAction(world.dir, {
      report_no: JUNE,
      uscc: uscc(n),
      department,
      measure: '告知',
      action_date: date,
      recorded_by: 'tester',
    });
  act(2, MARKET, '2025-07-10'); // in time
  act(3, TAX, '2025-07-20'); // late, but before the second build's as-of
  act(3, OFFICE, '2025-08-01'); // after the second build's as-of

  await world.ingest();
  await world.build('2025-07-15');
  july15 = await followUpWarnings();
  await world.build('2025-07-31');
  july31 = await followUpWarnings();
  await world.build('2025-08-10');
  august10 = await followUpWarnings();
}, 240_000);

describe('follow_up_overdue warnings (rules.md §9, docs/rules.md)', () => {
  it('an assignment past its due date without an action warns its department, yellow, with the report and entity as evidence', () => {
    expect(july15.find((w) => w.subject_id === MARKET)).toEqual({
      warning_id: `follow_up_overdue:${MARKET}`,
      subject_id: MARKET,
      subject_name: MARKET,
      level: 'yellow',
      status: 'new',
      first_seen: '2025-07-15',
      evidence: [`follow_up:${JUNE}|${uscc(1)}`],
    });
  });

  it('an action on or before the due date keeps the assignment out of the evidence', () => {
    expect(july15.find((w) => w.subject_id === MARKET)!.evidence).not.toContain(`follow_up:${JUNE}|${uscc(2)}`);
  });

  it('an assignment is in time on its due date itself', () => {
    expect(july31.map((w) => w.subject_id)).not.toContain(ENV);
  });

  it('an action dated after as-of does not count yet: the coordinator stays overdue until a build sees it', () => {
    expect(july15.find((w) => w.subject_id === OFFICE)?.status).toBe('new');
    expect(july31.find((w) => w.subject_id === OFFICE)).toMatchObject({
      status: 'ongoing',
      first_seen: '2025-07-15',
      evidence: [`follow_up:${JUNE}|${uscc(3)}`],
    });
    expect(august10.find((w) => w.subject_id === OFFICE)?.status).toBe('resolved');
  });

  it('an action taken after the due date closes the assignment: the warning is resolved in the next build', () => {
    expect(july15.find((w) => w.subject_id === TAX)?.status).toBe('new');
    expect(july31.find((w) => w.subject_id === TAX)).toMatchObject({ status: 'resolved', first_seen: '2025-07-15' });
    expect(august10.map((w) => w.subject_id)).not.toContain(TAX);
  });

  it('a warning stays ongoing while the assignment stays open, and a later report adds its own overdue items', () => {
    expect(july31.find((w) => w.subject_id === MARKET)).toMatchObject({ status: 'ongoing', first_seen: '2025-07-15' });
    expect(august10.find((w) => w.subject_id === MARKET)).toMatchObject({
      status: 'ongoing',
      first_seen: '2025-07-15',
    });
    // The August report is dated 2025-08-05, unknown to the July builds; by 2025-08-10 both ENV items are overdue.
    expect(july31.map((w) => w.subject_id)).not.toContain(ENV);
    expect(august10.find((w) => w.subject_id === ENV)).toMatchObject({
      status: 'new',
      first_seen: '2025-08-10',
      evidence: [`follow_up:${JUNE}|${uscc(4)}`, `follow_up:${AUGUST}|${uscc(5)}`],
    });
  });

  it('a build without any issued report has no follow_up_overdue warning', async () => {
    const empty = new World();
    await empty.ingest();
    await empty.build('2025-07-31');
    expect(await empty.query(`select count(*)::integer as n from warnings where kind = 'follow_up_overdue'`)).toEqual([
      { n: 0 },
    ]);
  });
});
