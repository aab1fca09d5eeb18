import type { Db } from '../../lib/db.js';
import { ident } from '../../lib/db.js';
import type { DatasetSpec } from '../../lib/datasets.js';
import { openPublished } from '../../lib/publish/reader.js';
import { SentinelError } from '../../lib/errors.js';
import type { ExportRow } from './formats.js';

/**
 * A dataset's rows from a published build, sorted by every column left to right, nulls last (DuckDB
 * compares VARCHAR by code point), so two exports of the same build are identical.
 */
export async function datasetRows(db: Db, spec: DatasetSpec): Promise<ExportRow[]> {
  const cols = spec.columns.map(ident);
  return db.all<ExportRow>(
    `select ${cols.join(', ')} from ${ident(spec.table)} order by ${cols.map((c) => `${c} asc nulls last`).join(', ')}`,
  );
}

/** Reads a dataset from the published build, refusing an as-of other than the build's (interfaces.md). */
export async function readPublishedDataset(
  dataDir: string,
  spec: DatasetSpec,
  asOf: { value: string; explicit: boolean },
): Promise<{ asOf: string; buildId: string; rows: ExportRow[] }> {
  const build = await openPublished(dataDir);
  try {
    if (asOf.explicit && asOf.value !== build.pointer.as_of) {
      throw new SentinelError(
        'as_of_mismatch',
        `the published build ${build.pointer.build_id} is as of ${build.pointer.as_of}, not ${asOf.value}: ` +
          `run \`sentinel build --as-of ${asOf.value}\` first`,
      );
    }
    const exists = await build.db.value<number>(`select count(*) from information_schema.tables where table_name = ?`, [
      spec.table,
    ]);
    if (!exists)
      throw new SentinelError(
        'no_dataset',
        `the published build ${build.pointer.build_id} has no ${spec.name} dataset (model ${spec.table})`,
      );
    return { asOf: build.pointer.as_of, buildId: build.pointer.build_id, rows: await datasetRows(build.db, spec) };
  } finally {
    build.close();
  }
}
