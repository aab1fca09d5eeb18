import { isValidUscc, normaliseCode } from '../../../lib/validate/uscc.js';
import type { DeliveryLog } from '../delivery/deliver.js';
import { utilitiesOf, utilityRouteDate } from '../world/utilities.js';
import type { Entity, World } from '../world/types.js';
import type { CountedEvent, Identity } from './events.js';
import { inWindow } from './rules.js';
import { latestTaxGrades } from './state.js';
import { codePoint } from './flags.js';

export type Level = 'red' | 'orange' | 'yellow' | 'green';

const LEVEL_OF: Record<string, Exclude<Level, 'green'>> = {
  serious_list: 'red', court_dishonest: 'red',
  severe_penalty: 'orange', repeat_violator: 'orange', cross_domain_violator: 'orange', tax_grade_d: 'orange',
  counted_penalty: 'yellow', attention_list: 'yellow', tax_grade_c: 'yellow', utility_arrears: 'yellow', broken_commitment: 'yellow',
};
const RANK: Record<Level, number> = { red: 3, orange: 2, yellow: 1, green: 0 };

export interface SignalInputs {
  events: readonly CountedEvent[];
  repeat: ReadonlySet<string>;
  cross: ReadonlySet<string>;
  serious: ReadonlySet<string>;
  attention: ReadonlySet<string>;
  court: ReadonlySet<string>;
}

export interface ProjectRisk {
  project_id: string;
  project_name: string;
  risk_level: Level;
  signal_count: number;
  signals: string[];
}

/** rules.md §6: every delivered project, its parties' signals at as-of and the highest level. */
export function keyProjectRisk(world: World, log: DeliveryLog, id: Identity, inputs: SignalInputs): ProjectRisk[] {
  const A = world.asOf;
  const grades = latestTaxGrades(world, log);
  const penaltiesByUscc = new Map<string, CountedEvent[]>();
  for (const e of inputs.events) {
    if (e.source !== 'penalties' || !inWindow(e.date, A, 365)) continue;
    const list = penaltiesByUscc.get(e.uscc);
    if (list) list.push(e);
    else penaltiesByUscc.set(e.uscc, [e]);
  }
  const broken = new Set<string>();
  for (const c of world.commitments) {
    if ((c.state !== '部分履行' && c.state !== '全部未履行') || c.determined === null || !inWindow(c.determined, A, 365) || !log.facts.get(c)?.loaded) continue;
    const u = id.resolve(c.subject);
    if (u !== null) broken.add(u);
  }
  const byUscc = new Map<string, Entity>(world.entities.map((e) => [e.uscc, e]));
  const signalsOf = (u: string): string[] => {
    const kinds: string[] = [];
    if (inputs.serious.has(u)) kinds.push('serious_list');
    if (inputs.court.has(u)) kinds.push('court_dishonest');
    const pens = penaltiesByUscc.get(u) ?? [];
    if (pens.some((e) => e.severity === '严重')) kinds.push('severe_penalty');
    if (inputs.repeat.has(u)) kinds.push('repeat_violator');
    if (inputs.cross.has(u)) kinds.push('cross_domain_violator');
    if (grades.get(u) === 'D') kinds.push('tax_grade_d');
    if (pens.length > 0) kinds.push('counted_penalty');
    if (inputs.attention.has(u)) kinds.push('attention_list');
    if (grades.get(u) === 'C') kinds.push('tax_grade_c');
    const entity = byUscc.get(u);
    if (entity && hasArrears(world, entity)) kinds.push('utility_arrears');
    if (broken.has(u)) kinds.push('broken_commitment');
    return kinds;
  };
  const rows: ProjectRisk[] = [];
  for (const p of world.projects) {
    if (!log.facts.get(p)?.loaded) continue;
    const signals = new Set<string>();
    let level: Level = 'green';
    for (const party of p.parties) {
      const code = normaliseCode(party.uscc);
      const u = isValidUscc(code) ? code : id.resolve({ entityIdx: party.entityIdx, personIdx: null, kind: '法人及非法人组织', name: party.name, uscc: party.uscc });
      if (u === null) continue; // an unresolved party carries no signal
      for (const kind of signalsOf(u)) {
        signals.add(`${kind}@${u}`);
        const l = LEVEL_OF[kind] as Level;
        if (RANK[l] > RANK[level]) level = l;
      }
    }
    const sorted = [...signals].sort(codePoint);
    rows.push({ project_id: p.id, project_name: p.name, risk_level: level, signal_count: sorted.length, signals: sorted });
  }
  return rows;
}

/**
 * An account (one 类型 of 水费/电费/燃气费) whose latest delivered 账期 on or before the as-of month
 * shows 连续欠费月数 ≥ 3. Only delivered 账期 count.
 */
function hasArrears(world: World, e: Entity): boolean {
  const month = world.asOf.slice(0, 7);
  const latest = new Map<string, { period: string; months: number }>();
  for (const r of utilitiesOf(world.seed, e, world.asOf, world.utilityMonths)) {
    if (r.type === '纳税' || r.period > month || utilityRouteDate(r) > world.asOf) continue;
    const prev = latest.get(r.type);
    if (!prev || r.period > prev.period) latest.set(r.type, { period: r.period, months: r.arrearsMonths });
  }
  return [...latest.values()].some((v) => v.months >= 3);
}
