/**
 * 企业信用画像: the profile sections (entity.ts), the events with their source rows, and the flags' sentences.
 * The source rows are SQL through lib/db, not Kysely: they read the raw table of a source chosen at run time
 * and turn its cells into a map under the file's headers, which Kysely's types cannot follow.
 */
import type { Db } from '../../lib/db.js';
import { queryDb } from '../../lib/kysely/queryDb.js';
import { entityProfile, mainTables, type Profile } from './entity.js';

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

/** The sources of events (int_events_judged); their rows hold the original cells. */
const EVENT_SOURCES = ['penalties', 'court_dishonest', 'commitments'] as const;

/**
 * Traces with their original cells keyed by the file's headers. The cells are read from the build's
 * raw tables for the traces asked for only (the join's key range prunes the scan to their files).
 */
async function traces(db: Db, where: string, params: (string | number)[]): Promise<TraceRow[]> {
  const cells = EVENT_SOURCES.map(
    (s) => `select '${s}' as source, r._file_id, r._part, r._row_number, r._cells
      from raw."${s}" r
      join t on t.source = '${s}' and t.file_id = r._file_id and t.part = r._part and t.row_number = r._row_number`,
  ).join('\n      union all ');
  return db.all<TraceRow>(
    `with t as (select * from event_traces where ${where}),
     c as (${cells})
     select t.event_id, t.source, t.uscc, t.domain, t.event_date, t.severity, t.is_counted, t.not_counted_reason,
       t.file, t.row_number,
       map_from_entries(
         list_transform(list_zip(p.headers, c._cells[1:len(p.headers)]), lambda x: {k: x[1], v: x[2]})
       ) as raw
     from t
     left join c on c.source = t.source and c._file_id = t.file_id and c._part = t.part and c._row_number = t.row_number
     left join source_headers p on p.file_id = t.file_id and p.part = t.part
     order by t.event_date, t.event_id`,
    params,
  );
}

export async function profileData(db: Db, uscc: string): Promise<ProfileData> {
  const { sections, found } = await entityProfile(db, await mainTables(db), uscc);
  const events = await traces(db, 'uscc = ?', [uscc]);
  const flags = await queryDb(db)
    .selectFrom('flag_explanations')
    .select(['flag', 'domain', 'explanation', 'event_ids'])
    .where('uscc', '=', uscc)
    .orderBy('flag')
    .orderBy('domain')
    .$castTo<ProfileData['flags'][number]>()
    .execute();
  return { found: found || events.length > 0, sections, events, flags };
}

/** One source record: the event's department (from its original cells), file, row and every original cell. */
export async function sourceRecord(db: Db, eventId: string): Promise<TraceRow | null> {
  return (await traces(db, 'event_id = ?', [eventId]))[0] ?? null;
}

/** The sources whose records the profile shows beside the events, and which /records can open by file and row. */
export const RECORD_SOURCES = [
  'enterprises',
  'serious_list',
  'attention_list',
  'commitments',
  'project_parties',
] as const;

export interface RawRecord {
  source: string;
  file: string;
  row_number: number;
  raw: Record<string, string | null>;
}

/** One delivered row of a profile record, by its file and row: every original cell under its header. */
export async function rawRecord(
  db: Db,
  source: (typeof RECORD_SOURCES)[number],
  fileId: number,
  row: number,
): Promise<RawRecord | null> {
  const rows = await db.all<RawRecord>(
    `select f.source, f.file_name as file, r._row_number as row_number,
       map_from_entries(list_transform(r._cells, (x, i) -> {'k': coalesce(p.headers[i], '列' || i), 'v': x})) as raw
     from raw."${source}" r
     join ingest.files f on f.file_id = r._file_id
     join source_headers p on p.file_id = r._file_id and p.part = r._part
     where r._file_id = ? and r._row_number = ?`,
    [fileId, row],
  );
  return rows[0] ?? null;
}
