/** The runs-and-models page's data: the served build's records, the warehouse's history, the lineage. */
import type { Db } from '../../lib/db.js';
import type { PublishedPointer } from '../../lib/publish/pointer.js';
import { lineageOf } from './lineage.js';
import type { RunsView } from './page.js';
import { buildHistory, builtRecords, calendarEnd } from './query.js';

/** The served build as this page reads it: a query holds one of its connections only while it runs. */
export interface ServedBuild {
  pointer: PublishedPointer;
  query<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

/** `build` null: nothing is published yet, and the page shows the history alone. */
export async function runsView(build: ServedBuild | null, params: { dataDir: string }): Promise<RunsView> {
  const records = build ? await build.query(builtRecords) : { builds: [], models: [], tests: [] };
  const history = await buildHistory(params.dataDir);
  const coverage = build ? await build.query(calendarEnd) : null;
  return { build: build?.pointer ?? null, records, history, lineage: await lineageOf(), calendarEnd: coverage };
}
