import { beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync } from 'node:fs';
import { productFiles } from '../../lib/followUp/productSources.js';
import {
  completionByDepartment,
  listAssignments,
  overdueByDepartment,
  readActions,
  recordAction,
} from '../../lib/followUp/store.js';
import { A, B, C, CITY_MARKET, authority, runScenario, type Scenario } from './scenario.js';

let s: Scenario;
beforeAll(async () => {
  s = await runScenario();
}, 300_000);

const TAX = authority('tax');

describe('follow-up of issued screening reports', () => {
  it('gives a department only its own assignments, pending until the due date', () => {
    const tax = listAssignments(s.world.dir, { date: '2025-07-14', department: TAX });
    expect(tax.map((a) => [a.report_no, a.uscc, a.measure, a.due_date, a.status])).toEqual([
      ['信用办〔2025〕1号', B.uscc, '约谈', '2025-07-14', 'pending'],
      ['信用办〔2025〕1号', C.uscc, '培训', '2025-07-14', 'pending'],
    ]);
  });

  it('marks an assignment done by a recorded action and the rest overdue after the due date', () => {
    recordAction(
      s.world.dir,
      {
        report_no: '信用办〔2025〕1号',
        uscc: A.uscc,
        department: CITY_MARKET,
        measure: '告知',
        action_date: '2025-07-10',
        note: '已书面告知',
        recorded_by: 'market1',
      },
      new Date('2025-07-10T02:00:00Z'),
    );
    const june = listAssignments(s.world.dir, { date: '2025-07-15' }).filter(
      (a) => a.report_no === '信用办〔2025〕1号',
    );
    const a = june.find((x) => x.uscc === A.uscc)!;
    expect(a.status).toBe('done');
    expect(a.action).toMatchObject({ measure: '告知', action_date: '2025-07-10', note: '已书面告知' });
    expect(june.filter((x) => x.uscc !== A.uscc).every((x) => x.status === 'overdue')).toBe(true);
    // Judged as known on 2025-07-09, the action does not exist yet.
    expect(listAssignments(s.world.dir, { date: '2025-07-09' }).find((x) => x.uscc === A.uscc)!.status).toBe('pending');
  });

  it('turns overdue items into one follow_up_overdue subject per department and shows completion per department', () => {
    const all = listAssignments(s.world.dir, { date: '2025-07-15' });
    expect(overdueByDepartment(all).map((o) => o.department)).not.toContain(CITY_MARKET);
    expect(
      overdueByDepartment(all)
        .find((o) => o.department === TAX)!
        .overdue.map((x) => x.uscc),
    ).toEqual([B.uscc, C.uscc]);
    const completion = completionByDepartment(all);
    expect(completion.find((c) => c.department === CITY_MARKET)).toEqual({
      department: CITY_MARKET,
      assigned: 1,
      done: 1,
      done_late: 0,
      pending: 0,
      overdue: 0,
      completion_rate: 1,
    });
    expect(completion.find((c) => c.department === TAX)).toMatchObject({
      assigned: 2,
      done: 0,
      overdue: 2,
      completion_rate: 0,
    });
  });

  it('refuses an action for an assignment that does not exist, an unknown measure or a date before the report', () => {
    const base = {
      report_no: '信用办〔2025〕1号',
      uscc: A.uscc,
      department: CITY_MARKET,
      measure: '约谈',
      action_date: '2025-07-10',
    };
    expect(() => recordAction(s.world.dir, { ...base, department: TAX })).toThrow(/does not assign/);
    expect(() => recordAction(s.world.dir, { ...base, report_no: '信用办〔2025〕9号' })).toThrow(
      /no issued screening report/,
    );
    expect(() => recordAction(s.world.dir, { ...base, measure: '罚款' })).toThrow(/measure must be one of/);
    expect(() => recordAction(s.world.dir, { ...base, action_date: '2025-06-29' })).toThrow(
      /before the report date 2025-06-30/,
    );
  });

  it('keeps the next action whole after a line torn by a crash mid-append', () => {
    const file = productFiles.actions(s.world.dir);
    appendFileSync(file, '{"report_no":"信用办〔2025〕1号","uscc":"');
    recordAction(s.world.dir, {
      report_no: '信用办〔2025〕1号',
      uscc: B.uscc,
      department: '区信用办',
      measure: '约谈',
      action_date: '2025-07-20',
    });
    expect(readActions(s.world.dir).map((a) => [a.uscc, a.department])).toEqual([
      [A.uscc, CITY_MARKET],
      [B.uscc, '区信用办'],
    ]);
  });

  it('gives the next build the assignments and actions, so the warnings model can judge overdue items', async () => {
    await s.world.build('2025-07-31');
    const overdue = await s.world.query(
      `select a.department, count(*)::integer as overdue
       from product.follow_up_assignments a
       left join product.follow_up_actions x
         on x.report_no = a.report_no and x.uscc = a.uscc and x.department = a.department and x.action_date <= date '2025-07-31'
       where a.due_date < date '2025-07-31' and x.report_no is null
       group by a.department order by a.department`,
    );
    const expected = overdueByDepartment(listAssignments(s.world.dir, { date: '2025-07-31' }))
      .map((o) => ({ department: o.department, overdue: o.overdue.length }))
      .sort((x, y) => (x.department < y.department ? -1 : 1));
    expect(overdue).toEqual(expected);
    const actions = await s.world.query(`select uscc, department from product.follow_up_actions order by action_date`);
    expect(actions).toEqual([
      { uscc: A.uscc, department: CITY_MARKET },
      { uscc: B.uscc, department: '区信用办' },
    ]);
  });
});
