/**
 * Reads what a screening report lists from a published build: the three flags of rules.md §5 with the
 * counted events behind them (int_events_judged carries each event's authority, which routes it).
 */
import type { Db } from '../../lib/db.js';
import type { CrossFlag, EvidenceEvent, PersistentFlag, RepeatFlag } from './types.js';

export interface BuildFlags {
  names: Map<string, string | null>;
  repeat: Map<string, RepeatFlag[]>;
  cross: Map<string, CrossFlag>;
  persistent: Map<string, PersistentFlag>;
  events: Map<string, EvidenceEvent>;
  domainLabels: Record<string, string>;
}

interface NamedRow {
  uscc: string;
  name: string | null;
}

export async function readFlags(db: Db): Promise<BuildFlags> {
  const names = new Map<string, string | null>();
  const repeat = new Map<string, RepeatFlag[]>();
  const cross = new Map<string, CrossFlag>();
  const persistent = new Map<string, PersistentFlag>();

  const repeatRows = await db.all<NamedRow & RepeatFlag>(
    `select uscc, name, domain, event_count, first_event_date, last_event_date, event_ids
     from repeat_violators order by uscc, domain`,
  );
  for (const r of repeatRows) {
    names.set(r.uscc, r.name);
    const { uscc, name: _name, ...flag } = r;
    repeat.set(uscc, [...(repeat.get(uscc) ?? []), flag]);
  }
  const crossRows = await db.all<NamedRow & CrossFlag>(
    `select uscc, name, domains, event_count, first_event_date, last_event_date, event_ids
     from int_cross_domain_flagged order by uscc`,
  );
  for (const { uscc, name, ...flag } of crossRows) {
    names.set(uscc, name);
    cross.set(uscc, flag);
  }
  const persistentRows = await db.all<NamedRow & PersistentFlag>(
    `select uscc, name, report_date, events_after_report, event_ids from int_persistent_flagged order by uscc`,
  );
  for (const { uscc, name, ...flag } of persistentRows) {
    names.set(uscc, name);
    persistent.set(uscc, flag);
  }

  const eventRows = await db.all<EvidenceEvent>(
    `with ids as (
       select unnest(event_ids) as event_id from repeat_violators
       union select unnest(event_ids) from int_cross_domain_flagged
       union select unnest(event_ids) from int_persistent_flagged
     )
     select e.event_id, e.source, e.domain, e.authority, e.event_date, e.severity
     from int_events_judged as e
     join ids using (event_id)
     order by e.event_date, e.event_id`,
  );
  const events = new Map(eventRows.map((e) => [e.event_id, e]));

  const labels = await db.all<{ domain: string; label: string }>(
    `select domain, min(label) as label from ref.authority_domains group by domain`,
  );
  const domainLabels: Record<string, string> = { other: '其他', judicial: '司法' };
  for (const l of labels) domainLabels[l.domain] = l.label;
  return { names, repeat, cross, persistent, events, domainLabels };
}
