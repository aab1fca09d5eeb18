import type { CountedEvent } from './events.js';
import type { Identity } from './identity.js';
import { entityName } from './events.js';
import { codePoint } from './flags.js';
import type { ProjectRisk } from './projects.js';
import type { PublicityRecord, PublicityRow } from './publicity.js';
import { inWindow } from './rules.js';
import { monthMinus } from '../world/utilities.js';
import { TARGETS } from './indicators.js';

export interface WarningRow {
  warning_id: string;
  kind: string;
  subject_id: string;
  subject_name: string;
  level: string;
  status: 'new';
  first_seen: string;
  evidence: string[];
}

export interface WarningInputs {
  asOf: string;
  events: readonly CountedEvent[];
  repeat: readonly { uscc: string; event_ids: string[] }[];
  cross: readonly { uscc: string }[];
  persistent: readonly { uscc: string; report_date: string }[];
  projects: readonly ProjectRisk[];
  publicity: readonly PublicityRecord[];
  quality: readonly PublicityRow[];
}

const byDateThenId = (a: CountedEvent, b: CountedEvent) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : codePoint(a.id, b.id);

/**
 * rules.md §9 for a first build (every status `new`, first_seen = as-of). warning_id is
 * `<kind>:<subject_id>`, one warning per kind and subject (docs/generator.md gives each evidence).
 */
export function warnings(id: Identity, w: WarningInputs): WarningRow[] {
  const A = w.asOf;
  const rows: WarningRow[] = [];
  const add = (kind: string, subject: string, name: string, level: string, evidence: string[]) =>
    rows.push({
      warning_id: `${kind}:${subject}`,
      kind,
      subject_id: subject,
      subject_name: name,
      level,
      status: 'new',
      first_seen: A,
      evidence,
    });
  const byUscc = new Map<string, CountedEvent[]>();
  for (const e of w.events) {
    const list = byUscc.get(e.uscc);
    if (list) list.push(e);
    else byUscc.set(e.uscc, [e]);
  }
  const eventsOf = (u: string, pick: (e: CountedEvent) => boolean) =>
    (byUscc.get(u) ?? [])
      .filter(pick)
      .sort(byDateThenId)
      .map((e) => e.id);

  const repeatIds = new Map<string, Set<string>>();
  for (const r of w.repeat) repeatIds.set(r.uscc, new Set([...(repeatIds.get(r.uscc) ?? []), ...r.event_ids]));
  for (const [u, ids] of repeatIds)
    add(
      'repeat_violator',
      u,
      entityName(id, u),
      'orange',
      eventsOf(u, (e) => ids.has(e.id)),
    );
  for (const r of w.cross)
    add(
      'cross_domain_violator',
      r.uscc,
      entityName(id, r.uscc),
      'orange',
      eventsOf(r.uscc, (e) => inWindow(e.date, A, 730)),
    );
  for (const r of w.persistent)
    add(
      'persistent_violator',
      r.uscc,
      entityName(id, r.uscc),
      'red',
      eventsOf(r.uscc, (e) => e.date > r.report_date),
    );
  for (const p of w.projects)
    if (p.risk_level !== 'green') add('key_project', p.project_id, p.project_name, p.risk_level, p.evidence);

  // The last month that ended before as-of is always the month before the as-of month.
  const month = monthMinus(A.slice(0, 7), 1);
  const target = (k: string) => (TARGETS.find((t) => t.id === k) as { target: number }).target;
  const lastMonth = w.publicity.filter((r) => r.decision.slice(0, 7) === month);
  for (const q of w.quality) {
    if (q.month !== month) continue;
    const mine = lastMonth.filter((r) => r.department === q.department);
    if (q.timely_rate < target('publicity_timeliness'))
      add(
        'department_timeliness',
        q.department,
        q.department,
        'yellow',
        mine
          .filter((r) => !r.timely)
          .map((r) => r.id)
          .sort(codePoint),
      );
    if (q.compliance_rate < target('publicity_compliance'))
      add(
        'department_compliance',
        q.department,
        q.department,
        'yellow',
        mine
          .filter((r) => !r.compliant)
          .map((r) => r.id)
          .sort(codePoint),
      );
  }
  return rows;
}
