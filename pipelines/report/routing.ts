/**
 * Who acts on a listed entity (issue 7): the authority of its latest counted event in the flagged
 * domain; for a cross-domain violator every involved department (one per domain, by the same rule) with
 * the credit office coordinating. The measure follows the entity's highest flag.
 *
 * The district office cannot task a provincial body, a court or another district's body (issue 18):
 * such an authority (its name holds a word of `reports.copy_only`) is copied (抄送) instead, and the
 * domain goes to the district department of `reports.domain_departments`, else to the coordinator.
 */
import type { Config } from '../../lib/config/schema.js';
import type { BuildFlags } from './flags.js';
import type { EvidenceEvent, ReportType, Routing, ScreenedEntity } from './types.js';

/** Events without a readable authority still need an owner: the coordinator takes them. */
function latestAuthority(eventIds: readonly string[], domain: string, flags: BuildFlags, fallback: string): string {
  let latest: EvidenceEvent | null = null;
  for (const id of eventIds) {
    const e = flags.events.get(id);
    if (!e || e.domain !== domain) continue;
    if (
      !latest ||
      e.event_date > latest.event_date ||
      (e.event_date === latest.event_date && e.event_id > latest.event_id)
    )
      latest = e;
  }
  return latest?.authority?.trim() || fallback;
}

function addRouting(routing: Routing[], department: string, role: Routing['role'], domain: string | null): void {
  let r = routing.find((x) => x.department === department);
  if (!r) {
    r = { department, role, domains: [] };
    routing.push(r);
  }
  // A department that leads on one domain and would coordinate another stays a lead.
  if (role === 'lead') r.role = 'lead';
  if (domain && !r.domains.includes(domain)) r.domains.push(domain);
}

/** Whether the district office copies this body rather than tasking it. */
export function copiedOnly(authority: string, config: Readonly<Config>): boolean {
  return config.reports.copy_only.some((word) => authority.includes(word));
}

/** The department tasked for one domain of an entity, and the body copied in its place, if any. */
function taskedFor(
  eventIds: readonly string[],
  domain: string,
  flags: BuildFlags,
  config: Readonly<Config>,
): { department: string; copied: string | null } {
  const { coordinator, domain_departments } = config.reports;
  const authority = latestAuthority(eventIds, domain, flags, coordinator);
  if (!copiedOnly(authority, config)) return { department: authority, copied: null };
  return { department: domain_departments[domain] ?? coordinator, copied: authority };
}

export function screenEntities(flags: BuildFlags, config: Readonly<Config>): Omit<ScreenedEntity, 'change'>[] {
  const { coordinator, measures } = config.reports;
  const usccs = [...new Set([...flags.repeat.keys(), ...flags.cross.keys(), ...flags.persistent.keys()])].sort();
  return usccs.map((uscc) => {
    const repeat = flags.repeat.get(uscc) ?? [];
    const cross = flags.cross.get(uscc) ?? null;
    const persistent = flags.persistent.get(uscc) ?? null;
    const level: ReportType = persistent ? '屡禁不止' : cross ? '多领域多次违法' : '同一领域频繁违法';
    const measure = persistent
      ? measures.persistent_violator
      : cross
        ? measures.cross_domain_violator
        : measures.repeat_violator;

    const routing: Routing[] = [];
    const copies = new Set<string>();
    const route = (eventIds: readonly string[], domain: string) => {
      const t = taskedFor(eventIds, domain, flags, config);
      if (t.copied) copies.add(t.copied);
      addRouting(routing, t.department, 'lead', domain);
    };
    for (const r of repeat) route(r.event_ids, r.domain);
    if (cross) {
      for (const d of cross.domains) route(cross.event_ids, d);
      addRouting(routing, coordinator, 'coordinator', null);
    }
    routing.sort((a, b) => (a.role === b.role ? (a.department < b.department ? -1 : 1) : a.role === 'lead' ? -1 : 1));

    const ids = new Set([
      ...repeat.flatMap((r) => r.event_ids),
      ...(cross?.event_ids ?? []),
      ...(persistent?.event_ids ?? []),
    ]);
    const evidence = [...ids]
      .map((id) => flags.events.get(id))
      .filter((e): e is EvidenceEvent => e !== undefined)
      .sort((a, b) =>
        a.event_date === b.event_date ? (a.event_id < b.event_id ? -1 : 1) : a.event_date < b.event_date ? -1 : 1,
      );
    return {
      uscc,
      name: flags.names.get(uscc) ?? null,
      repeat,
      cross,
      persistent,
      level,
      measure,
      routing,
      copies: [...copies].sort(),
      evidence,
    };
  });
}
