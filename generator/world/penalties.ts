import type { Rng } from '../prng.js';
import type { Authority } from '../authorities.js';
import type { DirtRates } from '../dirt.js';
import { nthWorkdayAfter } from '../workdays.js';
import { dateIn, entitySubject, personSubject } from './subjects.js';
import type { Entity, Penalty, Person, SubjectAsDelivered } from './types.js';

/** Primary authorities by section: where each kind of business usually gets into trouble. */
const PRIMARY: Record<string, readonly string[]> = {
  A: ['agriculture', 'environment'],
  C: ['environment', 'safety', 'market'],
  E: ['construction', 'safety', 'labour'],
  F: ['market', 'urban_management'],
  G: ['transport', 'safety'],
  H: ['market', 'fire', 'health'],
  O: ['market', 'urban_management'],
  P: ['education', 'fire'],
  Q: ['health', 'medical_insurance'],
  R: ['culture_tourism', 'fire'],
};

const CATEGORY_MIX: readonly (readonly [readonly string[], number])[] = [
  [['警告'], 0.22],
  [['罚款'], 0.45],
  [['警告', '罚款'], 0.08],
  [['罚款', '没收违法所得'], 0.08],
  [['通报批评'], 0.03],
  [['没收非法财物'], 0.02],
  [['其他-责令改正'], 0.03],
  [['责令停产停业'], 0.02],
  [['吊销许可证件'], 0.01],
  [['罚款', '吊销许可证件'], 0.01],
  [['限制从业'], 0.005],
  [['降低资质等级'], 0.005],
];

const VIOLATIONS: Record<string, string> = {
  market: '销售不符合食品安全标准的食品',
  urban_management: '擅自占用城市道路',
  environment: '超标排放水污染物',
  safety: '未按规定开展安全生产教育培训',
  fire: '消防设施未保持完好有效',
  tax: '未按期进行纳税申报',
  transport: '未取得道路运输经营许可擅自从事经营',
  construction: '未取得施工许可证擅自施工',
  labour: '拖欠劳动者工资',
  health: '未取得卫生许可证从事经营',
  public_security: '违反治安管理规定',
};

export interface PenaltyContext {
  rng: Rng;
  authorities: readonly Authority[];
  dirt: DirtRates;
  start: string;
  asOf: string;
  docSeq: Map<string, number>;
  nextId: () => number;
}

export function makePenalty(
  ctx: PenaltyContext,
  subject: SubjectAsDelivered,
  authority: Authority,
  decision: string,
  categories?: readonly string[],
): Penalty {
  const { rng } = ctx;
  const year = decision.slice(0, 4);
  const seqKey = `${authority.name}|${year}`;
  const seq = (ctx.docSeq.get(seqKey) ?? 0) + 1;
  ctx.docSeq.set(seqKey, seq);
  const cats = [...(categories ?? rng.weighted(CATEGORY_MIX))];
  const hasFine = cats.includes('罚款');
  const fineWan = hasFine
    ? Math.max(0.005, Math.round(Math.exp(Math.log(0.5) + 1.2 * gauss(rng)) * 10000) / 10000)
    : null;
  const delay = Math.max(
    1,
    Math.round(authority.meanDelay * (0.3 + 1.4 * rng.next()) + (rng.chance(0.05) ? rng.int(3, 20) : 0)),
  );
  return {
    id: ctx.nextId(),
    subject,
    authority: authority.name,
    domain: authority.domain,
    docNo: `${authority.prefix}〔${year}〕${seq}号`,
    decision,
    categories: cats,
    fineWan,
    severityColumn: null,
    status: '正常',
    report: nthWorkdayAfter(decision, delay),
    department: authority.name,
    violationType: VIOLATIONS[authority.domain] ?? '违反行政管理秩序',
    correction: null,
  };
}

function gauss(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * Penalties with a heavy tail: most entities have none, a few have many, mostly from the one or
 * two authorities that supervise their sector. Natural persons get their own (never flagged).
 */
export function buildPenalties(
  ctx: PenaltyContext,
  entities: readonly Entity[],
  persons: readonly Person[],
): Penalty[] {
  const { rng, authorities } = ctx;
  const byDomain = new Map<string, Authority[]>();
  for (const a of authorities) byDomain.set(a.domain, [...(byDomain.get(a.domain) ?? []), a]);
  const weights = authorities.map((a) => [a, a.penaltyWeight] as const);
  const out: Penalty[] = [];
  for (const e of entities) {
    const n = Math.min(30, rng.heavyTail(1.0));
    if (n === 0) continue;
    const primary = (PRIMARY[e.section] ?? ['market', 'tax']).flatMap((d) => byDomain.get(d) ?? []);
    for (let i = 0; i < n; i++) {
      const authority = primary.length > 0 && rng.chance(0.65) ? rng.pick(primary) : rng.weighted(weights);
      const p = makePenalty(ctx, entitySubject(rng, e, ctx.dirt), authority, dateIn(rng, ctx.start, ctx.asOf));
      decorate(rng, p);
      out.push(p);
    }
  }
  const personal = authorities.filter((a) => ['public_security', 'transport', 'urban_management'].includes(a.domain));
  const nPersonal = Math.floor(out.length * 0.06);
  for (let i = 0; i < nPersonal; i++) {
    const person = rng.pick(persons);
    const cats = rng.chance(0.2) ? ['行政拘留'] : ['罚款'];
    const p = makePenalty(ctx, personSubject(person), rng.pick(personal), dateIn(rng, ctx.start, ctx.asOf), cats);
    out.push(p);
  }
  return out;
}

/** Revocations, corrections in a later file, and the departments that deliver 失信严重程度. */
function decorate(rng: Rng, p: Penalty): void {
  const r = rng.next();
  if (r < 0.01) p.status = '撤销';
  else if (r < 0.02) p.correction = { status: '撤销' };
  else if (p.fineWan !== null && r < 0.04) p.correction = { fineWan: Math.round(p.fineWan * 2 * 10000) / 10000 };
  if (p.domain === 'market' || p.domain === 'tax') {
    p.severityColumn = rng.chance(0.9) ? null : rng.pick(['轻微', '一般', '严重'] as const);
  }
}
