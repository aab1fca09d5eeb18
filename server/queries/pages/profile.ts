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

/** The sources whose records the profile shows beside the events, and which /records can open by file and row. */
export const RECORD_SOURCES = ['enterprises', 'serious_list', 'attention_list', 'commitments', 'project_parties'] as const;

export interface RawRecord {
  source: string;
  file: string;
  row_number: number;
  raw: Record<string, string | null>;
}

/** One delivered row of a profile record, by its file and row: every original cell under its header. */
export async function rawRecord(db: Db, source: (typeof RECORD_SOURCES)[number], fileId: number, row: number): Promise<RawRecord | null> {
  const rows = await db.all<RawRecord>(
    `select f.source, f.file_name as file, r._row_number as row_number,
       map_from_entries(list_transform(r._cells, (x, i) -> {'k': coalesce(p.headers[i], '列' || i), 'v': x})) as raw
     from raw."${source}" r
     join ingest.files f on f.file_id = r._file_id
     join ingest.file_parts p on p.file_id = r._file_id and p.part = r._part
     where r._file_id = ? and r._row_number = ?`,
    [fileId, row],
  );
  return rows[0] ?? null;
}
