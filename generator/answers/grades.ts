import { norm } from '../../lib/validate/text.js';
import type { DeliveryLog } from '../delivery/deliver.js';
import type { Entity, World } from '../world/types.js';
import type { CountedEvent } from './events.js';
import { entityName } from './events.js';
import { codePoint } from './flags.js';
import type { Identity } from './identity.js';
import { arrearsRecords } from './projects.js';
import { inWindow } from './rules.js';
import { latestTaxGradeRecords } from './state.js';

/**
 * docs/rules.md "Credit grades" (公共信用评价), written from the docs in plain TypeScript, never by running
 * the product's models: the default scorecard of sentinel.config.yaml (grades.versions), restated here so a
 * changed default or a wrong model both show as a difference in test/models/answer-key.test.ts.
 */
export const SCORECARD = {
  base: 100,
  cutoffs: { A: 95, B: 80, C: 60 },
  straightToD: ['serious_list', 'court_dishonest'] as readonly string[],
  penaltyWindowDays: 365,
  commitmentWindowDays: 365,
  points: {
    serious_list: -50,
    court_dishonest: -50,
    attention_list: -20,
    business_anomaly: -15,
    penalty_minor: -2,
    penalty_general: -8,
    penalty_serious: -25,
    broken_commitment: -10,
    kept_commitment: 2,
    utility_arrears: -10,
  },
  keptCommitmentMax: 6,
  taxGrade: { A: 5, B: 0, M: 0, C: -10, D: -25 } as Record<string, number>,
  publicRating: { 优: 5, 良: 0, 中: -10, 差: -20 } as Record<string, number>,
} as const;

type Counted = keyof typeof SCORECARD.points;
/** Factors worth their points once, whatever the number of entries behind them. */
const ONCE: ReadonlySet<string> = new Set(['serious_list', 'court_dishonest', 'attention_list', 'business_anomaly']);
const RATING_CODE: Record<string, string> = { 优: 'excellent', 良: 'good', 中: 'medium', 差: 'poor' };

export interface GradeFactor {
  factor: string;
  points: number;
  evidence: string[];
}

export interface CreditGrade {
  uscc: string;
  name: string;
  grade: 'A' | 'B' | 'C' | 'D';
  score: number;
  factors: GradeFactor[];
}

export interface GradeInputs {
  events: readonly CountedEvent[];
  /** Active serious-list and key-attention entries by USCC, as their record ids (state.ts). */
  serious: ReadonlyMap<string, readonly string[]>;
  attention: ReadonlyMap<string, readonly string[]>;
  /** Active register entities (rules.md §1). */
  active: ReadonlySet<string>;
}

/** Every active entity's grade at as-of with the factors that made it. */
export function creditGrades(world: World, log: DeliveryLog, id: Identity, inputs: GradeInputs): CreditGrade[] {
  const A = world.asOf;
  const found = new Map<string, Map<string, Set<string>>>();
  const note = (u: string, factor: string, evidence: string) => {
    if (!inputs.active.has(u)) return;
    const mine = found.get(u) ?? new Map<string, Set<string>>();
    found.set(u, mine);
    mine.set(factor, (mine.get(factor) ?? new Set()).add(evidence));
  };
  for (const [u, ids] of inputs.serious) for (const r of ids) note(u, 'serious_list', r);
  // 经营异常名录 shares the attention_list source; its record id names its 名单类型 second.
  for (const [u, ids] of inputs.attention)
    for (const r of ids) note(u, r.split('|')[1] === norm('经营异常名录') ? 'business_anomaly' : 'attention_list', r);
  for (const e of inputs.events) {
    if (e.source === 'court_dishonest') note(e.uscc, 'court_dishonest', e.id);
    else if (e.source === 'commitments') {
      if (inWindow(e.date, A, SCORECARD.commitmentWindowDays)) note(e.uscc, 'broken_commitment', e.id);
    } else if (inWindow(e.date, A, SCORECARD.penaltyWindowDays)) {
      const factor =
        e.severity === '轻微' ? 'penalty_minor' : e.severity === '严重' ? 'penalty_serious' : 'penalty_general';
      note(e.uscc, factor, e.id);
    }
  }
  for (const c of world.commitments) {
    if (c.state !== '全部履行' || c.determined === null || c.determined > A || !log.facts.get(c)?.loaded) continue;
    if (!inWindow(c.determined, A, SCORECARD.commitmentWindowDays)) continue;
    const u = id.resolve(c.subject);
    if (u !== null) note(u, 'kept_commitment', `commitments:${norm(c.code)}`);
  }
  const byUscc = new Map<string, Entity>(world.entities.map((e) => [e.uscc, e]));
  for (const u of inputs.active) {
    const e = byUscc.get(u);
    if (e) for (const r of arrearsRecords(world, e)) note(u, 'utility_arrears', r);
  }
  for (const [u, t] of latestTaxGradeRecords(world, log)) note(u, `tax_grade_${t.grade.toLowerCase()}`, t.recordId);
  for (const [u, r] of latestRatings(world, log)) note(u, `public_rating_${RATING_CODE[r.grade]}`, r.recordId);

  return [...inputs.active].map((u) => {
    const factors: GradeFactor[] = [];
    for (const [factor, ids] of found.get(u) ?? []) {
      const points = pointsOf(factor, ids.size);
      if (points !== 0 || SCORECARD.straightToD.includes(factor))
        factors.push({ factor, points, evidence: [...ids].sort(codePoint) });
    }
    factors.sort((a, b) => codePoint(a.factor, b.factor));
    const score = SCORECARD.base + factors.reduce((n, f) => n + f.points, 0);
    const c = SCORECARD.cutoffs;
    const grade = factors.some((f) => SCORECARD.straightToD.includes(f.factor))
      ? 'D'
      : score >= c.A
        ? 'A'
        : score >= c.B
          ? 'B'
          : score >= c.C
            ? 'C'
            : 'D';
    return { uscc: u, name: entityName(id, u), grade, score, factors };
  });
}

function pointsOf(factor: string, items: number): number {
  if (factor.startsWith('tax_grade_')) return SCORECARD.taxGrade[factor.slice(10).toUpperCase()] ?? 0;
  if (factor.startsWith('public_rating_')) {
    const grade = Object.keys(RATING_CODE).find((g) => `public_rating_${RATING_CODE[g]}` === factor) as string;
    return SCORECARD.publicRating[grade] ?? 0;
  }
  const each = SCORECARD.points[factor as Counted];
  if (ONCE.has(factor)) return each;
  if (factor === 'kept_commitment') return Math.min(items * each, SCORECARD.keptCommitmentMax);
  return items * each;
}

/** The latest rating per USCC by 评价日期 on or before as-of; two on one date share a key, the later row wins. */
function latestRatings(world: World, log: DeliveryLog): Map<string, { grade: string; recordId: string }> {
  const latest = new Map<string, { date: string; grade: string }>();
  for (const r of world.ratings) {
    if (r.date > world.asOf || !log.facts.get(r)?.loaded) continue;
    const u = (world.entities[r.entityIdx] as Entity).uscc;
    const prev = latest.get(u);
    if (!prev || r.date >= prev.date) latest.set(u, { date: r.date, grade: r.grade });
  }
  return new Map([...latest].map(([u, v]) => [u, { grade: v.grade, recordId: `public_rating:${u}|${v.date}` }]));
}
