import { join } from 'node:path';

/** Where things live inside the data directory (interfaces.md: one folder holds all state). */
export const paths = {
  inbox: (dataDir: string) => join(dataDir, 'inbox'),
  sourceInbox: (dataDir: string, source: string) => join(dataDir, 'inbox', source),
  /** Loaded (and identically re-delivered) files are moved here, so the inbox shows what is pending. */
  archive: (dataDir: string, source: string) => join(dataDir, 'archive', source),
  /** The read-write warehouse: raw loads, load log, runs. */
  warehouse: (dataDir: string) => join(dataDir, 'warehouse.duckdb'),
  /** Scratch space for decoded or converted extracts; emptied after each file. */
  scratch: (dataDir: string) => join(dataDir, 'tmp'),
  builds: (dataDir: string) => join(dataDir, 'builds'),
};
