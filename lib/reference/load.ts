/**
 * loadReference: (re)creates schema `ref` from data/reference/ and the calendar package.
 * Cheap to call at every ingest: a fingerprint of the files, the package version and this loader
 * is kept in ref.meta, and nothing is rebuilt while it matches.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Db } from '../db.js';
import { loadCalendar } from './calendar.js';
import { DEFAULT_REFERENCE_DIR, REFERENCE_FILES, referencePath, type ReferenceFile } from './files.js';
import { CALENDAR_PACKAGE_VERSION } from './package-calendar.js';
import { loadAuthorityDomains, loadDivisions, loadRegions, loadSections } from './tables.js';

/** Bump when the loader changes what it builds from the same files. */
const LOADER_VERSION = '1';

export const REF_TABLES = [
  'sections',
  'divisions',
  'regions',
  'authority_domains',
  'domains',
  'calendar',
  'meta',
] as const;

export interface LoadReferenceOptions {
  /** Folder holding the reference CSV files; default: the repository's data/reference/. */
  dir?: string;
  /** Rebuild even when the fingerprint matches. */
  force?: boolean;
}

export interface LoadReferenceResult {
  rebuilt: boolean;
  fingerprint: string;
  calendarFrom: string;
  calendarTo: string;
}

export function referenceFingerprint(dir: string): string {
  const h = createHash('sha256');
  h.update(`loader ${LOADER_VERSION}\nchinese-days ${CALENDAR_PACKAGE_VERSION}\n`);
  for (const file of Object.keys(REFERENCE_FILES) as ReferenceFile[]) {
    h.update(`${file}\n`);
    try {
      h.update(readFileSync(referencePath(dir, file)));
    } catch {
      // A missing file fails the rebuild with a clear message; here it only changes the fingerprint.
      h.update('missing');
    }
  }
  return h.digest('hex');
}

async function storedFingerprint(db: Db): Promise<string | null> {
  const present = await db.value<number>(
    `select count(*) from information_schema.tables
     where table_catalog = current_database() and table_schema = 'ref' and list_contains(?, table_name)`,
    [[...REF_TABLES]],
  );
  if (present !== REF_TABLES.length) return null;
  const row = await db.one<{ value: string }>(`select value from ref.meta where key = 'fingerprint'`);
  return row?.value ?? null;
}

async function calendarRange(db: Db): Promise<{ calendarFrom: string; calendarTo: string }> {
  const r = await db.one<{ f: string; t: string }>(`select min(date) as f, max(date) as t from ref.calendar`);
  return { calendarFrom: r?.f ?? '', calendarTo: r?.t ?? '' };
}

export async function loadReference(db: Db, opts: LoadReferenceOptions = {}): Promise<LoadReferenceResult> {
  const dir = opts.dir ?? DEFAULT_REFERENCE_DIR;
  const fingerprint = referenceFingerprint(dir);
  if (!opts.force && (await storedFingerprint(db)) === fingerprint) {
    return { rebuilt: false, fingerprint, ...(await calendarRange(db)) };
  }
  await db.transaction(async () => {
    await db.run('create schema if not exists ref');
    await loadSections(db, dir);
    await loadDivisions(db, dir);
    await loadRegions(db, dir);
    await loadAuthorityDomains(db, dir);
    const cal = await loadCalendar(db, dir);
    await db.run(`create or replace table ref.meta (key VARCHAR primary key, value VARCHAR)`);
    await db.run(`insert into ref.meta values (?, ?), (?, ?), (?, ?), (?, ?)`, [
      'fingerprint',
      fingerprint,
      'calendar_package',
      `chinese-days@${CALENDAR_PACKAGE_VERSION}`,
      'calendar_package_years',
      cal.packageYears.join(','),
      'calendar_override_years',
      cal.overrideYears.join(','),
    ]);
  });
  return { rebuilt: true, fingerprint, ...(await calendarRange(db)) };
}
