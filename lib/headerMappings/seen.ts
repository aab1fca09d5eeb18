/**
 * DIR/ingest/headers-seen.json: every unknown header the ingest saw, per source, with the files and
 * departments that sent it, a few sample values and the proposed field. The ingest rewrites it after each
 * run that saw one; the 表头映射 page and `sentinel headers` read it (they never open the warehouse, which
 * an ingest may be writing). It holds delivered cells, so it is private like the audit log.
 */
import { existsSync, readFileSync } from 'node:fs';
import { paths } from '../dataDir.js';
import { writeFileAtomic, withFileLock } from '../auth/atomicFile.js';
import type { FieldCatalogue } from './catalogue.js';
import { headerKey } from './headerKey.js';
import type { Proposal } from './propose.js';

export interface SeenFile {
  file: string;
  hash: string;
  /** loaded: the column was kept unused; refused: the file was refused (a key field, or no header). */
  status: 'loaded' | 'refused';
  departments: string[];
  run_id: string;
  at: string;
}

export interface SeenHeader {
  source: string;
  /** As delivered (the latest spelling). */
  header: string;
  samples: string[];
  proposal: Proposal | null;
  files: SeenFile[];
  first_seen: string;
  last_seen: string;
}

export interface HeadersSeen {
  updated_at: string;
  catalogue: FieldCatalogue;
  headers: SeenHeader[];
}

/** One unknown column of one file as a run saw it. */
export interface Sighting {
  source: string;
  header: string;
  samples: string[];
  proposal: Proposal | null;
  file: SeenFile;
}

const MAX_SAMPLES = 5;
const MAX_FILES = 20;

export function readHeadersSeen(dataDir: string): HeadersSeen | null {
  const path = paths.headersSeen(dataDir);
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as HeadersSeen;
}

const same = (a: { source: string; header: string }, b: { source: string; header: string }) =>
  a.source === b.source && headerKey(a.header) === headerKey(b.header);

/** Adds a run's sightings: the latest proposal and samples win, files are kept newest first. */
export function mergeSightings(before: readonly SeenHeader[], sightings: readonly Sighting[]): SeenHeader[] {
  const out = before.map((h) => ({ ...h, files: [...h.files] }));
  for (const s of sightings) {
    let h = out.find((x) => same(x, s));
    if (!h) {
      h = {
        source: s.source,
        header: s.header,
        samples: [],
        proposal: null,
        files: [],
        first_seen: s.file.at,
        last_seen: s.file.at,
      };
      out.push(h);
    }
    h.header = s.header;
    h.samples = [...new Set([...s.samples, ...h.samples])].slice(0, MAX_SAMPLES);
    h.proposal = s.proposal ?? h.proposal;
    h.files = [s.file, ...h.files.filter((f) => f.hash !== s.file.hash || f.file !== s.file.file)].slice(0, MAX_FILES);
    h.last_seen = s.file.at;
  }
  return out.sort((a, b) => (a.source === b.source ? (a.header < b.header ? -1 : 1) : a.source < b.source ? -1 : 1));
}

/** Records a run's sightings (with the catalogue they were proposed against) under the file's lock. */
export async function recordSightings(
  dataDir: string,
  catalogue: FieldCatalogue,
  sightings: readonly Sighting[],
  now: Date,
): Promise<void> {
  const path = paths.headersSeen(dataDir);
  await withFileLock(path, () => {
    const before = readHeadersSeen(dataDir);
    if (sightings.length === 0 && before !== null) return;
    const state: HeadersSeen = {
      updated_at: now.toISOString(),
      catalogue,
      headers: mergeSightings(before?.headers ?? [], sightings),
    };
    writeFileAtomic(path, `${JSON.stringify(state, null, 1)}\n`);
  });
}
