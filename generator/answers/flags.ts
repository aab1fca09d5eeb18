import { isValidIdNumber, maskIdNumber, normaliseIdNumber } from '../../lib/validate/idNumber.js';
import type { DeliveryLog } from '../delivery/deliver.js';
import type { World } from '../world/types.js';
import { entityName, type CountedEvent } from './events.js';
import type { Identity } from './identity.js';
import { inWindow } from './rules.js';

const byDateThenId = (a: CountedEvent, b: CountedEvent) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export function repeatViolators(
  events: readonly CountedEvent[],
  id: Identity,
  asOf: string,
  windowDays = 365,
  min = 3,
) {
  const groups = new Map<string, CountedEvent[]>();
  for (const e of events) {
    if (!inWindow(e.date, asOf, windowDays)) continue;
    const k = `${e.uscc}\u0000${e.domain}`;
    const list = groups.get(k);
    if (list) list.push(e);
    else groups.set(k, [e]);
  }
  const rows = [];
  for (const list of groups.values()) {
    if (list.length < min) continue;
    list.sort(byDateThenId);
    const first = list[0] as CountedEvent;
    rows.push({
      uscc: first.uscc,
      name: entityName(id, first.uscc),
      domain: first.domain,
      event_count: list.length,
      first_event_date: first.date,
      last_event_date: (list[list.length - 1] as CountedEvent).date,
      event_ids: list.map((e) => e.id),
    });
  }
  return rows;
}

export function crossDomainViolators(
  events: readonly CountedEvent[],
  id: Identity,
  asOf: string,
  windowDays = 730,
  min = 3,
) {
  const groups = new Map<string, CountedEvent[]>();
  for (const e of events) {
    if (!inWindow(e.date, asOf, windowDays)) continue;
    const list = groups.get(e.uscc);
    if (list) list.push(e);
    else groups.set(e.uscc, [e]);
  }
  const rows = [];
  for (const [uscc, list] of groups) {
    const domains = [...new Set(list.map((e) => e.domain))].sort(codePoint);
    if (domains.length < min) continue;
    list.sort(byDateThenId);
    rows.push({
      uscc,
      name: entityName(id, uscc),
      domain_count: domains.length,
      domains,
      event_count: list.length,
      first_event_date: (list[0] as CountedEvent).date,
      last_event_date: (list[list.length - 1] as CountedEvent).date,
    });
  }
  return rows;
}

export function persistentViolators(
  world: World,
  events: readonly CountedEvent[],
  id: Identity,
  flagged: ReadonlySet<string>,
  log: DeliveryLog,
) {
  const A = world.asOf;
  const lastReport = new Map<string, string>();
  for (const s of world.screening) {
    if (s.date > A || !log.facts.has(s)) continue;
    const uscc = (world.entities[s.entityIdx] as { uscc: string }).uscc;
    if ((lastReport.get(uscc) ?? '') < s.date) lastReport.set(uscc, s.date);
  }
  const mine = new Map<string, CountedEvent[]>();
  for (const e of events) if (lastReport.has(e.uscc)) mine.set(e.uscc, [...(mine.get(e.uscc) ?? []), e]);
  const rows = [];
  for (const [uscc, r] of lastReport) {
    if (!flagged.has(uscc)) continue;
    const after = (mine.get(uscc) ?? []).filter((e) => e.date > r && e.date <= A).length;
    if (after > 0) rows.push({ uscc, name: entityName(id, uscc), report_date: r, events_after_report: after });
  }
  return rows;
}

export function legalRepLinks(world: World, id: Identity, qualifying: ReadonlySet<string>, min = 2) {
  const byPerson = new Map<string, { usccs: Set<string> }>();
  const nameOf = new Map<string, string>();
  for (const [uscc, row] of id.registerByUscc) {
    const person = world.persons[row.entity.repIdx];
    if (!person) continue;
    const n = normaliseIdNumber(person.idNumber);
    if (!isValidIdNumber(n)) continue;
    nameOf.set(n, person.name);
    if (!qualifying.has(uscc)) continue;
    const g = byPerson.get(n) ?? { usccs: new Set<string>() };
    g.usccs.add(uscc);
    byPerson.set(n, g);
  }
  const rows = [];
  for (const [n, g] of byPerson) {
    if (g.usccs.size < min) continue;
    rows.push({
      person_id_masked: maskIdNumber(n),
      legal_rep_name: nameOf.get(n) ?? '',
      entity_count: g.usccs.size,
      usccs: [...g.usccs].sort(codePoint),
    });
  }
  return rows;
}

export function codePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
