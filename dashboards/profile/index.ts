/**
 * The enterprise profile and the records it links to. `mask` hides identity numbers (every role but
 * admin and credit_office); a masked and an unmasked page are different pages.
 */
import type { Db } from '../../lib/db.js';
import { maskRow } from '../../pipelines/export/mask.js';
import { domainLabels } from '../violators/query.js';
import { Html } from '../ui/html.js';
import { t, type Lang } from '../ui/i18n.js';
import type { PageView } from '../ui/pageView.js';
import { profileBody, rawRecordBody, recordBody } from './page.js';
import {
  profileData,
  rawRecord,
  sourceRecord,
  type ProfileData,
  type RawRecord,
  type RECORD_SOURCES,
} from './query.js';

type Row = Record<string, unknown>;

function maskSections(sections: Row): Row {
  const one = (v: unknown) => (v && typeof v === 'object' ? maskRow(v as Row) : v);
  return Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, Array.isArray(v) ? v.map(one) : one(v)]));
}

function maskProfile(d: ProfileData): ProfileData {
  return {
    ...d,
    sections: maskSections(d.sections),
    events: d.events.map((e) => maskRow(e as unknown as Row) as unknown as typeof e),
  };
}

export interface ProfileParams {
  uscc: string;
  mask: boolean;
  asOf: string;
  /** The warnings the caller may see (lib/auth/scope.ts decides; a department user: its own only). */
  visibleWarnings: (rows: Row[]) => Row[];
}

/**
 * The profile as the caller may see it (warnings scoped, identity numbers masked); null when the build holds
 * nothing of that USCC.
 */
export async function visibleProfile(db: Db, params: ProfileParams): Promise<ProfileData | null> {
  const found = await profileData(db, params.uscc);
  if (!found.found) return null;
  const warnings = found.sections.warnings;
  const d = Array.isArray(warnings)
    ? { ...found, sections: { ...found.sections, warnings: params.visibleWarnings(warnings as Row[]) } }
    : found;
  return params.mask ? maskProfile(d) : d;
}

/** Null when the build holds nothing of that USCC. */
export async function profileView(db: Db, params: ProfileParams, lang: Lang): Promise<PageView | null> {
  const data = await visibleProfile(db, params);
  if (!data) return null;
  return {
    title: t(lang, '企业信用画像'),
    // The page is cached per `mask`; the roles that see identity numbers are those that may issue credit
    // reports (lib/auth/roles.ts mayIssueReports), so the button follows the same key.
    body: profileBody(params.uscc, data, await domainLabels(db), params.asOf, lang, { creditReport: !params.mask }),
    rows: 1,
  };
}

export type RecordSource = (typeof RECORD_SOURCES)[number];

/** A source row that is not an event, by its file and row; null when there is none. */
export async function rawRecordView(
  db: Db,
  params: { source: RecordSource; file: number; row: number; mask: boolean },
  lang: Lang,
): Promise<PageView | null> {
  const r = await rawRecord(db, params.source, params.file, params.row);
  if (!r) return null;
  return {
    title: t(lang, '原始记录'),
    body: rawRecordBody(params.mask ? { ...r, raw: maskRow(r.raw) as RawRecord['raw'] } : r, lang),
  };
}

/** An event traced to its source record; null when the build has no such event. */
export async function recordView(
  db: Db,
  params: { eventId: string; mask: boolean },
  lang: Lang,
): Promise<PageView | null> {
  const trace = await sourceRecord(db, params.eventId);
  if (!trace) return null;
  return {
    title: t(lang, '原始记录'),
    body: recordBody(
      params.mask ? (maskRow(trace as unknown as Row) as unknown as typeof trace) : trace,
      await domainLabels(db),
      lang,
    ),
  };
}

/** The page the route answers with when profileView finds nothing, cached like any other. */
export const notFoundView = (lang: Lang): PageView => ({ title: t(lang, '未找到'), body: new Html(''), rows: -1 });
