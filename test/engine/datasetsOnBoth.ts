/**
 * Every dataset `sentinel export` offers, read as it reads them, from a DuckDB build's data folder and a
 * PostgreSQL build's (its serving file): the published build's datasets, quarantine from each warehouse's
 * load log, checks from each folder's DIR/checks/. Returns each dataset's CSV from both sides.
 */
import type { Db } from '../../lib/db.js';
import { DATASETS, PRODUCT_DATASETS } from '../../lib/datasets.js';
import { openPublished } from '../../lib/publish/reader.js';
import { readCheckCoverage } from '../../pipelines/export/checks.js';
import { toCsv, type ExportRow } from '../../pipelines/export/formats.js';
import { datasetRows } from '../../pipelines/export/published.js';
import { readQuarantine } from '../../pipelines/export/quarantine.js';

/** A data folder and its published build, open. */
export interface Side {
  dir: string;
  db: Db;
}

export async function datasetsOnBoth(
  duck: Side,
  post: Side,
): Promise<Array<{ name: string; duckdb: string; postgres: string }>> {
  const out = [];
  for (const spec of [...DATASETS, ...PRODUCT_DATASETS]) {
    const csv = async ({ dir, db }: Side) => {
      const rows =
        spec.name === 'quarantine'
          ? await readQuarantine(dir)
          : spec.name === 'checks'
            ? await readCheckCoverage(dir, spec)
            : await datasetRows(db, spec);
      return toCsv(spec.columns, rows as ExportRow[]).toString('utf8');
    };
    out.push({ name: spec.name, duckdb: await csv(duck), postgres: await csv(post) });
  }
  return out;
}

/** The same for two data folders, each published build opened for the comparison and closed after it. */
export async function datasetsOfFolders(duck: string, post: string) {
  const [a, b] = [await openPublished(duck), await openPublished(post)];
  try {
    return await datasetsOnBoth({ dir: duck, db: a.db }, { dir: post, db: b.db });
  } finally {
    a.close();
    b.close();
  }
}
