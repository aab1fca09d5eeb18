import type { DeliveryLog } from '../delivery/deliver.js';
import type { World } from '../world/types.js';
import type { CountedEvent } from './events.js';
import { entityName } from './events.js';
import { codePoint } from './flags.js';
import type { CreditGrade } from './grades.js';
import type { Identity } from './identity.js';
import { addMonths } from './rules.js';
import { latestTaxGradeRecords } from './state.js';

/**
 * docs/rules.md "Red and black lists" (红黑榜) of the as-of month, written from the docs in plain TypeScript,
 * never by running the product's models: the default conditions of sentinel.config.yaml (lists.versions),
 * restated here so a changed default or a wrong model both show in test/models/answer-key.test.ts.
 */
export const LIST_RULES = { redGrade: 'A', cleanYears: 3, redTaxGrade: 'A' } as const;

export interface RedListRow {
  uscc: string;
  name: string;
  score: number;
  tax_year: number;
}

export interface BlackListRow {
  uscc: string;
  name: string;
  reasons: string[];
  serious_entries: string[];
}

export interface ListInputs {
  grades: readonly CreditGrade[];
  events: readonly CountedEvent[];
  /** Active serious-list and key-attention entries by USCC (state.ts), and USCCs with an active court case. */
  serious: ReadonlyMap<string, readonly string[]>;
  attention: ReadonlyMap<string, readonly string[]>;
  court: ReadonlySet<string>;
  /** Persistent violators at as-of (flags.ts). */
  persistent: readonly { uscc: string }[];
}

/** 守信激励: grade A, no counted event in the trailing three years, latest tax grade A, no active list entry. */
export function redList(world: World, log: DeliveryLog, inputs: ListInputs): RedListRow[] {
  const A = world.asOf;
  const since = addMonths(A, -12 * LIST_RULES.cleanYears);
  const eventful = new Set(inputs.events.filter((e) => e.date > since && e.date <= A).map((e) => e.uscc));
  const tax = latestTaxGradeRecords(world, log);
  const listed = (u: string) => inputs.serious.has(u) || inputs.attention.has(u) || inputs.court.has(u);
  const rows: RedListRow[] = [];
  for (const g of inputs.grades) {
    const t = tax.get(g.uscc);
    if (g.grade !== LIST_RULES.redGrade || t?.grade !== LIST_RULES.redTaxGrade) continue;
    if (eventful.has(g.uscc) || listed(g.uscc)) continue;
    rows.push({ uscc: g.uscc, name: g.name, score: g.score, tax_year: Number(t.recordId.split('|').at(-1)) });
  }
  return rows;
}

/** 失信惩戒: an active serious-list entry or a persistent violator at as-of, registered or not. */
export function blackList(id: Identity, inputs: ListInputs): BlackListRow[] {
  const reasons = new Map<string, Set<string>>();
  const add = (u: string, r: string) => reasons.set(u, (reasons.get(u) ?? new Set()).add(r));
  for (const u of inputs.serious.keys()) add(u, 'serious_list');
  for (const p of inputs.persistent) add(p.uscc, 'persistent_violator');
  return [...reasons].map(([uscc, r]) => ({
    uscc,
    name: entityName(id, uscc),
    reasons: [...r].sort(codePoint),
    serious_entries: [...(inputs.serious.get(uscc) ?? [])].sort(codePoint),
  }));
}
