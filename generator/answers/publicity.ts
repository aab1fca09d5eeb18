import { norm, normDocNo } from '../../lib/validate/text.js';
import type { DeliveryLog } from '../delivery/deliver.js';
import type { World } from '../world/types.js';
import { nthWorkdayAfter } from '../workdays.js';
import { codePoint } from './flags.js';

/** One §7 record: a penalty or licence in its latest version, or a readable quarantined row. */
export interface PublicityRecord {
  /** `<source>:<business key after norm>` or `quarantine:<source>/<file>#<row>`. */
  id: string;
  department: string;
  decision: string;
  timely: boolean;
  compliant: boolean;
}

export interface PublicityRow {
  department: string;
  month: string;
  records: number;
  timely: number;
  timely_rate: number;
  compliant: number;
  compliance_rate: number;
  rank: number;
}

/** Reported on or before the 7th working day after the decision (the decision day not counted). */
export function isTimely(decision: string, report: string | null, workingDays = 7): boolean {
  return report !== null && report <= nthWorkdayAfter(decision, workingDays);
}

export function publicityRecords(world: World, log: DeliveryLog): PublicityRecord[] {
  const out: PublicityRecord[] = [];
  const add = (source: string, authority: string, docNo: string, r: object) => {
    const p = log.facts.get(r)?.publicity;
    if (!p || p.decision === null) return;
    out.push({
      id: `${source}:${norm(authority)}|${normDocNo(docNo)}`,
      department: p.department ?? (p.authority as string),
      decision: p.decision,
      timely: isTimely(p.decision, p.report),
      compliant: p.compliant,
    });
  };
  for (const p of world.penalties) add('penalties', p.authority, p.docNo, p);
  for (const l of world.licenses) add('licenses', l.authority, l.docNo, l);
  for (const q of log.quarantinedPublicity) {
    out.push({
      id: q.id,
      department: q.department,
      decision: q.decision,
      timely: isTimely(q.decision, q.report),
      compliant: false,
    });
  }
  return out;
}

/** rules.md §7 per department and month, ranked within each month (1, 2, 2, 4). */
export function publicityQuality(records: readonly PublicityRecord[]): PublicityRow[] {
  const groups = new Map<
    string,
    { department: string; month: string; records: number; timely: number; compliant: number }
  >();
  for (const r of records) {
    const month = r.decision.slice(0, 7);
    const k = `${r.department}\u0000${month}`;
    const g = groups.get(k) ?? { department: r.department, month, records: 0, timely: 0, compliant: 0 };
    g.records++;
    if (r.timely) g.timely++;
    if (r.compliant) g.compliant++;
    groups.set(k, g);
  }
  const rows: PublicityRow[] = [...groups.values()].map((g) => ({
    department: g.department,
    month: g.month,
    records: g.records,
    timely: g.timely,
    timely_rate: g.timely / g.records,
    compliant: g.compliant,
    compliance_rate: g.compliant / g.records,
    rank: 0,
  }));
  const byMonth = new Map<string, PublicityRow[]>();
  for (const r of rows) {
    const list = byMonth.get(r.month);
    if (list) list.push(r);
    else byMonth.set(r.month, [r]);
  }
  for (const list of byMonth.values()) {
    const better = (a: PublicityRow, b: PublicityRow) =>
      b.compliance_rate - a.compliance_rate || b.timely_rate - a.timely_rate || b.records - a.records;
    list.sort((a, b) => better(a, b) || codePoint(a.department, b.department));
    list.forEach((r, i) => {
      const prev = list[i - 1];
      r.rank = prev && better(prev, r) === 0 ? prev.rank : i + 1;
    });
  }
  return rows;
}
