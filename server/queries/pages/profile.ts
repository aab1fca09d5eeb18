/** 企业信用画像: the profile sections (server/queries/entityProfile.ts), the events with their source rows, and the flags' sentences. */
import type { Db } from '../../../lib/db.js';
import { entityProfile, mainTables, type Profile } from '../entityProfile.js';

export interface TraceRow {
  event_id: string;
  source: string;
  uscc: string | null;
  domain: string;
  event_date: string;
  severity: string | null;
  is_counted: boolean;
  not_counted_reason: string | null;
  file: string | null;
  row_number: number;
  raw: Record<string, string | null>;
}

export interface ProfileData {
  found: boolean;
  sections: Profile;
  events: TraceRow[];
  flags: Array<{ flag: string; domain: string | null; explanation: string; event_ids: string[] }>;
}

export async function profileData(db: Db, uscc: string): Promise<ProfileData> {
  const { sections, found } = await entityProfile(db, await mainTables(db), uscc);
  const events = await db.all<TraceRow>(`select * from event_traces where uscc = ? order by event_date, event_id`, [uscc]);
  const flags = await db.all<ProfileData['flags'][number]>(`select flag, domain, explanation, event_ids from flag_explanations where uscc = ? order by flag, domain`, [uscc]);
  return { found: found || events.length > 0, sections, events, flags };
}

/** One source record: the event's department (from its original cells), file, row and every original cell. */
export async function sourceRecord(db: Db, eventId: string): Promise<TraceRow | null> {
  return (await db.all<TraceRow>(`select * from event_traces where event_id = ?`, [eventId]))[0] ?? null;
}
