/**
 * Reads what a screening report lists from a published build: the three flags of rules.md §5 (their
 * marts, with the evidence ids of flag_explanations) and the counted events behind them
 * (flag_evidence_events carries each event's authority, which routes it).
 */
import { sql, type NotNull } from 'kysely';
import type { Db } from '../../lib/db.js';
import { queryDb, type QueryDb } from '../../lib/kysely/queryDb.js';
import type { CrossFlag, EvidenceEvent, PersistentFlag, RepeatFlag } from './types.js';

export interface BuildFlags {
  names: Map<string, string | null>;
  repeat: Map<string, RepeatFlag[]>;
  cross: Map<string, CrossFlag>;
  persistent: Map<string, PersistentFlag>;
  events: Map<string, EvidenceEvent>;
  domainLabels: Record<string, string>;
}

type FlagKind = 'cross_domain_violator' | 'persistent_violator';
// A flag's row always has its counts, dates and evidence (models/marts/*_violators.sql); the YAML tests only the key.
type Counted = { event_count: NotNull; first_event_date: NotNull; last_event_date: NotNull; event_ids: NotNull };

/** The evidence ids of one kind of flag, one row per entity (flag_explanations.sql). */
const evidence = (k: QueryDb, flag: FlagKind) =>
  k.selectFrom('flag_explanations').select(['uscc', 'event_ids']).where('flag', '=', flag).as('x');

async function flagRows(k: QueryDb) {
  const repeat = await k
    .selectFrom('repeat_violators')
    .select(['uscc', 'name', 'domain', 'event_count', 'first_event_date', 'last_event_date', 'event_ids'])
    .$narrowType<Counted & { domain: NotNull }>()
    .orderBy('uscc')
    .orderBy('domain')
    .execute();
  const cross = await k
    .selectFrom('cross_domain_violators as c')
    .innerJoin(evidence(k, 'cross_domain_violator'), 'x.uscc', 'c.uscc')
    .select(['c.uscc', 'c.name', 'c.domains', 'c.event_count', 'c.first_event_date', 'c.last_event_date'])
    .select('x.event_ids')
    .$narrowType<Counted & { domains: NotNull }>()
    .orderBy('c.uscc')
    .execute();
  const persistent = await k
    .selectFrom('persistent_violators as p')
    .innerJoin(evidence(k, 'persistent_violator'), 'x.uscc', 'p.uscc')
    .select(['p.uscc', 'p.name', 'p.report_date', 'p.events_after_report', 'x.event_ids'])
    .$narrowType<{ report_date: NotNull; events_after_report: NotNull; event_ids: NotNull }>()
    .orderBy('p.uscc')
    .execute();
  return { repeat, cross, persistent };
}

export async function readFlags(db: Db): Promise<BuildFlags> {
  const k = queryDb(db);
  const names = new Map<string, string | null>();
  const repeat = new Map<string, RepeatFlag[]>();
  const cross = new Map<string, CrossFlag>();
  const persistent = new Map<string, PersistentFlag>();
  const rows = await flagRows(k);
  for (const r of rows.repeat) {
    names.set(r.uscc, r.name);
    const { uscc, name: _name, ...flag } = r;
    repeat.set(uscc, [...(repeat.get(uscc) ?? []), flag]);
  }
  for (const { uscc, name, ...flag } of rows.cross) {
    names.set(uscc, name);
    cross.set(uscc, flag);
  }
  for (const { uscc, name, ...flag } of rows.persistent) {
    names.set(uscc, name);
    persistent.set(uscc, flag);
  }
  const eventRows = await k
    .selectFrom('flag_evidence_events')
    .selectAll()
    .orderBy('event_date')
    .orderBy('event_id')
    .execute();
  const events = new Map(eventRows.map((e) => [e.event_id, e]));
  const labels = await k
    .selectFrom('ref.authority_domains')
    .select(['domain', sql<string>`min(label)`.as('label')])
    .groupBy('domain')
    .execute();
  const domainLabels: Record<string, string> = { other: '其他', judicial: '司法' };
  for (const l of labels) domainLabels[l.domain] = l.label;
  return { names, repeat, cross, persistent, events, domainLabels };
}
