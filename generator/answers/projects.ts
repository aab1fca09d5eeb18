import { isValidUscc, normaliseCode } from '../../lib/validate/uscc.js';
import type { DeliveryLog } from '../delivery/deliver.js';
import { utilitiesOf, utilityRouteDate } from '../world/utilities.js';
import type { Entity, World } from '../world/types.js';
import type { CountedEvent } from './events.js';
import type { Identity } from './identity.js';
import { inWindow } from './rules.js';
import { latestTaxGradeRecords } from './state.js';
import { codePoint } from './flags.js';

export type Level = 'red' | 'orange' | 'yellow' | 'green';

const LEVEL_OF: Record<string, Exclude<Level, 'green'>> = {
  serious_list: 'red',
  court_dishonest: 'red',
  severe_penalty: 'orange',
  repeat_violator: 'orange',
  cross_domain_violator: 'orange',
  tax_grade_d: 'orange',
  counted_penalty: 'yellow',
  attention_list: 'yellow',
  tax_grade_c: 'yellow',
  utility_arrears: 'yellow',
  broken_commitment: 'yellow',
};
const RANK: Record<Level, number> = { red: 3, orange: 2, yellow: 1, green: 0 };

/** Flags and active list entries by USCC, each with the ids of the records behind it. */
export interface SignalInputs {
  events: readonly CountedEvent[];
  /** The event ids of every repeat row of the entity. */
  repeat: ReadonlyMap<string, readonly string[]>;
  cross: ReadonlySet<string>;
  serious: ReadonlyMap<string, readonly string[]>;
  attention: ReadonlyMap<string, readonly string[]>;
  court: ReadonlySet<string>;
}

export interface ProjectRisk {
  project_id: string;
  project_name: string;
  risk_level: Level;
  signal_count: number;
  signals: string[];
  /**
   * Not a dataset column: the record ids behind the signals (rules.md §9 "evidence lists event or
   * record ids"), distinct and sorted by code point — the key_project warning's evidence.
   */
  evidence: string[];
}

/** rules.md §6: every delivered project, its parties' signals at as-of and the highest level. */
export function keyProjectRisk(world: World, log: DeliveryLog, id: Identity, inputs: SignalInputs): ProjectRisk[] {
  const A = world.asOf;
  const grades = latestTaxGradeRecords(world, log);
  const eventsByUscc = new Map<string, CountedEvent[]>();
  for (const e of inputs.events) {
    const list = eventsByUscc.get(e.uscc);
    if (list) list.push(e);
    else eventsByUscc.set(e.uscc, [e]);
  }
  const broken = new Set<string>();
  for (const c of world.commitments) {
    if (
      (c.state !== '部分履行' && c.state !== '全部未履行') ||
      c.determined === null ||
      !inWindow(c.determined, A, 365) ||
      !log.facts.get(c)?.loaded
    )
      continue;
    const u = id.resolve(c.subject);
    if (u !== null) broken.add(u);
  }
  const byUscc = new Map<string, Entity>(world.entities.map((e) => [e.uscc, e]));
  const signalsOf = (u: string): { kind: string; evidence: readonly string[] }[] => {
    const out: { kind: string; evidence: readonly string[] }[] = [];
    const add = (kind: string, evidence: readonly string[]) => out.push({ kind, evidence });
    const ids = (pick: (e: CountedEvent) => boolean) => (eventsByUscc.get(u) ?? []).filter(pick).map((e) => e.id);
    const serious = inputs.serious.get(u);
    if (serious) add('serious_list', serious);
    if (inputs.court.has(u))
      add(
        'court_dishonest',
        ids((e) => e.source === 'court_dishonest'),
      );
    const pens = (eventsByUscc.get(u) ?? []).filter((e) => e.source === 'penalties' && inWindow(e.date, A, 365));
    if (pens.some((e) => e.severity === '严重'))
      add(
        'severe_penalty',
        pens.filter((e) => e.severity === '严重').map((e) => e.id),
      );
    const repeat = inputs.repeat.get(u);
    if (repeat) add('repeat_violator', repeat);
    if (inputs.cross.has(u))
      add(
        'cross_domain_violator',
        ids((e) => inWindow(e.date, A, 730)),
      );
    const grade = grades.get(u);
    if (grade?.grade === 'D') add('tax_grade_d', [grade.recordId]);
    if (pens.length > 0)
      add(
        'counted_penalty',
        pens.map((e) => e.id),
      );
    const attention = inputs.attention.get(u);
    if (attention) add('attention_list', attention);
    if (grade?.grade === 'C') add('tax_grade_c', [grade.recordId]);
    const entity = byUscc.get(u);
    const arrears = entity ? arrearsRecords(world, entity) : [];
    if (arrears.length > 0) add('utility_arrears', arrears);
    if (broken.has(u))
      add(
        'broken_commitment',
        ids((e) => e.source === 'commitments' && inWindow(e.date, A, 365)),
      );
    return out;
  };
  const rows: ProjectRisk[] = [];
  for (const p of world.projects) {
    if (!log.facts.get(p)?.loaded) continue;
    const signals = new Set<string>();
    const evidence = new Set<string>();
    let level: Level = 'green';
    for (const party of p.parties) {
      const code = normaliseCode(party.uscc);
      const u = isValidUscc(code)
        ? code
        : id.resolve({
            entityIdx: party.entityIdx,
            personIdx: null,
            kind: '法人及非法人组织',
            name: party.name,
            uscc: party.uscc,
          });
      if (u === null) continue; // an unresolved party carries no signal
      for (const { kind, evidence: records } of signalsOf(u)) {
        signals.add(`${kind}@${u}`);
        for (const r of records) evidence.add(r);
        const l = LEVEL_OF[kind] as Level;
        if (RANK[l] > RANK[level]) level = l;
      }
    }
    const sorted = [...signals].sort(codePoint);
    rows.push({
      project_id: p.id,
      project_name: p.name,
      risk_level: level,
      signal_count: sorted.length,
      signals: sorted,
      evidence: [...evidence].sort(codePoint),
    });
  }
  return rows;
}

/**
 * The accounts (one 类型 of 水费/电费/燃气费) whose latest delivered 账期 on or before the as-of month
 * shows 连续欠费月数 ≥ 3, as the record ids of those latest 账期 (`utilities:<USCC>|<类型>|<YYYY-MM>`).
 * Only delivered 账期 count.
 */
export function arrearsRecords(world: World, e: Entity): string[] {
  const month = world.asOf.slice(0, 7);
  const latest = new Map<string, { period: string; months: number }>();
  for (const r of utilitiesOf(world.seed, e, world.asOf, world.utilityMonths)) {
    if (r.type === '纳税' || r.period > month || utilityRouteDate(r) > world.asOf) continue;
    const prev = latest.get(r.type);
    if (!prev || r.period > prev.period) latest.set(r.type, { period: r.period, months: r.arrearsMonths });
  }
  return [...latest].filter(([, v]) => v.months >= 3).map(([type, v]) => `utilities:${e.uscc}|${type}|${v.period}`);
}
