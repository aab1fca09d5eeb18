import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { authority, company, eventId, penalty, uscc, World } from './world.js';

/**
 * docs/rules.md "Credit grades" on hand-made deliveries, through the real ingest and build: the scorecard's
 * factors and points, straight to D, the version in force at as-of, the 双随机 scope, and grade_change
 * warnings against the previous published build (none on a first build, one when a grade drops to C).
 */
const AS_OF = '2025-06-30';
const co = (n: number) => ({ uscc: uscc(n), name: `厦门评价测试${n}有限公司` });

type Grade = {
  uscc: string;
  grade: string;
  score: number;
  factors: { factor: string; points: number; evidence: string[] }[];
};
type Warning = {
  warning_id: string;
  kind: string;
  subject_id: string;
  level: string;
  status: string;
  evidence: string[];
};

describe('credit grades', () => {
  const world = new World();
  const later = [1, 2, 3].map((i) => penalty(co(3), `2025-0${i + 2}-10`));
  const grades = () => world.query<Grade>('select * from credit_grades order by uscc');
  const warnings = () => world.query<Warning>('select * from warnings order by warning_id');
  let first: Grade[];
  let firstWarnings: Warning[];

  beforeAll(async () => {
    world
      .deliver(
        'enterprises',
        [1, 2, 3, 4].map((n) => company(n, co(n).name)),
      )
      .deliver('serious_list', [
        {
          主体名称: co(1).name,
          统一社会信用代码: co(1).uscc,
          名单类型: '严重违法失信名单',
          列入原因: '经认定存在严重失信行为',
          列入日期: '2025-03-01',
          认定部门: '厦门市市场监督管理局',
          认定文书号: '厦信认〔2025〕1号',
        },
      ])
      .deliver('tax_credit', [
        { 纳税人名称: co(2).name, 统一社会信用代码: co(2).uscc, 评价年度: 2024, 信用等级: 'A', 评价日期: '2025-04-01' },
      ])
      .deliver('penalties', [penalty(co(4), '2025-05-01', { 处罚类别: '警告', '罚款金额（万元）': '' })]);
    await world.ingest();
    await world.build(AS_OF);
    first = await grades();
    firstWarnings = await warnings();
    world.deliver('penalties', later);
    await world.ingest();
    await world.build(AS_OF);
  }, 240_000);

  it('grades every active entity from its factors, with points and evidence', () => {
    const by = new Map(first.map((g) => [g.uscc, g]));
    expect(first).toHaveLength(4);
    // An active serious-list entry: straight to D, whatever the score.
    expect(by.get(co(1).uscc)).toMatchObject({ grade: 'D', score: 50 });
    expect(by.get(co(1).uscc)?.factors.map((f) => f.factor)).toEqual(['serious_list']);
    expect(by.get(co(1).uscc)?.factors[0]?.evidence[0]).toMatch(/^serious_list:/);
    expect(by.get(co(2).uscc)).toMatchObject({
      grade: 'A',
      score: 105,
      factors: [{ factor: 'tax_grade_a', points: 5, evidence: [`tax_credit:${co(2).uscc}|2024`] }],
    });
    expect(by.get(co(3).uscc)).toMatchObject({ grade: 'A', score: 100, factors: [] });
    // A 警告 alone is 轻微: −2, still A.
    expect(by.get(co(4).uscc)).toMatchObject({ grade: 'A', score: 98 });
    expect(by.get(co(4).uscc)?.factors[0]?.factor).toBe('penalty_minor');
  });

  it('raises no grade_change warning on a first build', () => {
    expect(firstWarnings.filter((w) => w.kind === 'grade_change')).toEqual([]);
  });

  it('warns when a grade drops to C since the previous published build, leaving the other warnings as they were', async () => {
    const g = (await grades()).find((x) => x.uscc === co(3).uscc);
    expect(g).toMatchObject({ grade: 'C', score: 76 });
    expect(g?.factors).toEqual([
      { factor: 'penalty_general', points: -24, evidence: later.map(eventId).sort((a, b) => (a < b ? -1 : 1)) },
    ]);
    const w = await warnings();
    expect(w.filter((x) => x.kind === 'grade_change')).toEqual([
      {
        warning_id: `grade_change:${co(3).uscc}`,
        kind: 'grade_change',
        subject_id: co(3).uscc,
        subject_name: co(3).name,
        level: 'orange',
        status: 'new',
        first_seen: AS_OF,
        evidence: g?.factors[0]?.evidence,
      },
    ]);
    // Three 一般 penalties in one domain also make a repeat violator, as without grades.
    expect(w.some((x) => x.warning_id === `repeat_violator:${co(3).uscc}`)).toBe(true);
  });

  it('lists an entity for 双随机 under each department whose records name it, with the ratio of its grade', async () => {
    const rows = await world.query<{ department: string; uscc: string; grade: string; inspection_ratio: number }>(
      'select department, uscc, grade, inspection_ratio from credit_grade_inspections order by uscc',
    );
    expect(rows).toEqual([
      { department: authority('market'), uscc: co(3).uscc, grade: 'C', inspection_ratio: 0.3 },
      { department: authority('market'), uscc: co(4).uscc, grade: 'A', inspection_ratio: 0.05 },
    ]);
  });

  it('resolves the drop warning on the next build without a further drop', async () => {
    await world.build(AS_OF);
    const w = (await warnings()).filter((x) => x.kind === 'grade_change');
    expect(w.map((x) => [x.subject_id, x.status])).toEqual([[co(3).uscc, 'resolved']]);
  });

  it('grades by the scorecard version in force at as-of', async () => {
    const base = loadConfig().grades.versions[0]!;
    const versions = [
      base,
      { ...base, from: '2025-06-01', source: '更严的评分卡', cutoffs: { A: 95, B: 90, C: 80 } },
      { ...base, from: '2025-07-01', source: '尚未施行', cutoffs: { A: 200, B: 190, C: 180 } },
    ];
    await world.build(AS_OF, { grades: { versions } });
    const [card] = await world.query<{ rule_source: string }>('select rule_source from int_grade_scorecard');
    expect(card?.rule_source).toBe('更严的评分卡');
    const by = new Map((await grades()).map((g) => [g.uscc, g.grade]));
    expect(by.get(co(3).uscc)).toBe('D');
    expect(by.get(co(4).uscc)).toBe('A');
  });
});
