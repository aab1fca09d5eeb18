import type { Rng } from '../prng.js';
import type { DirtRates } from '../dirt.js';
import { COMMITMENT_UNITS, LICENSING } from '../authorities.js';
import { addDays } from '../../lib/dates.js';
import { nthWorkdayAfter } from '../workdays.js';
import { dateIn, entitySubject } from './subjects.js';
import { isActive } from './entities.js';
import type { Commitment, Entity, License, Rating, TaxGrade } from './types.js';

export interface RecordContext {
  rng: Rng;
  dirt: DirtRates;
  start: string;
  asOf: string;
  nextId: () => number;
}

/** Licences: routine, numerous, delivered like penalties; they matter only for §7 quality. */
export function buildLicenses(ctx: RecordContext, entities: readonly Entity[]): License[] {
  const { rng } = ctx;
  const out: License[] = [];
  const seq = new Map<string, number>();
  for (const e of entities) {
    const n = rng.poisson(0.55);
    for (let i = 0; i < n; i++) {
      const authority = rng.pick(LICENSING);
      const decision = dateIn(rng, ctx.start, ctx.asOf);
      const year = decision.slice(0, 4);
      const k = authority + year;
      const s = (seq.get(k) ?? 0) + 1;
      seq.set(k, s);
      out.push({
        id: ctx.nextId(),
        subject: entitySubject(rng, e, ctx.dirt),
        authority,
        docNo: `厦海审许〔${year}〕${authority.length}${String(s).padStart(5, '0')}号`,
        decision,
        category: rng.weighted([
          ['普通', 6],
          ['登记', 3],
          ['核准', 1],
          ['特许', 0.3],
          ['认可', 0.3],
          ['其他-备案', 0.2],
        ]),
        content: rng.pick(['食品经营许可', '公共场所卫生许可', '道路运输经营许可', '建筑工程施工许可', '排水许可']),
        validFrom: decision,
        validTo: rng.chance(0.1) ? '2099-12-31' : addDays(decision, 365 * 5 - 1),
        report: nthWorkdayAfter(decision, rng.int(1, 9)),
      });
    }
  }
  return out;
}

/** Commitments, mostly kept; broken ones are events (rules.md §4) dated by their 认定日期. */
export function buildCommitments(ctx: RecordContext, entities: readonly Entity[]): Commitment[] {
  const { rng } = ctx;
  const out: Commitment[] = [];
  for (const e of entities) {
    if (!isActive(e) || !rng.chance(0.22)) continue;
    const unit = rng.pick(COMMITMENT_UNITS);
    const made = dateIn(rng, ctx.start, ctx.asOf);
    const determined = addDays(made, rng.int(60, 400));
    const open = determined > ctx.asOf;
    const state = open
      ? '未到期'
      : rng.weighted([
          ['全部履行', 0.93],
          ['部分履行', 0.04],
          ['全部未履行', 0.03],
        ] as const);
    out.push({
      id: ctx.nextId(),
      code: `CN${made.replaceAll('-', '')}${String(out.length + 1).padStart(6, '0')}`,
      subject: entitySubject(rng, e, ctx.dirt),
      unit: unit.name,
      domain: unit.domain,
      type: rng.weighted([
        ['审批替代型', 4],
        ['容缺受理型', 2],
        ['证明事项型', 3],
        ['信用修复型', 1],
        ['行业自律型', 1],
        ['主动型', 1],
      ]),
      made,
      state,
      determined: open ? null : determined,
    });
  }
  return out;
}

/** Tax credit grades per year for enterprises (individual businesses are rarely graded). */
export function buildTaxGrades(ctx: RecordContext, entities: readonly Entity[]): TaxGrade[] {
  const { rng } = ctx;
  const out: TaxGrade[] = [];
  const lastYear = Number(ctx.asOf.slice(0, 4)) - 1;
  for (const e of entities) {
    if (e.kind === '个体工商户' || !rng.chance(0.6)) continue;
    const base = rng.weighted([
      ['A', 0.09],
      ['B', 0.55],
      ['M', 0.3],
      ['C', 0.04],
      ['D', 0.02],
    ] as const);
    for (let y = lastYear - 2; y <= lastYear; y++) {
      const grade = rng.chance(0.8) ? base : rng.pick(['A', 'B', 'M', 'C', 'D'] as const);
      const evaluated = rng.chance(0.8) ? `${y + 1}-04-${String(rng.int(1, 28)).padStart(2, '0')}` : null;
      out.push({ entityIdx: e.idx, year: y, grade, evaluated });
    }
  }
  return out;
}

/** Public credit ratings from the national centre: mostly 良, some 优, few 中/差. */
export function buildRatings(ctx: RecordContext, entities: readonly Entity[]): Rating[] {
  const { rng } = ctx;
  const out: Rating[] = [];
  for (const e of entities) {
    if (!rng.chance(0.3)) continue;
    const n = rng.int(1, 2);
    for (let i = 0; i < n; i++) {
      out.push({
        entityIdx: e.idx,
        grade: rng.weighted([
          ['优', 0.12],
          ['良', 0.8],
          ['中', 0.06],
          ['差', 0.02],
        ] as const),
        date: dateIn(rng, ctx.start, ctx.asOf),
      });
    }
  }
  return out;
}
