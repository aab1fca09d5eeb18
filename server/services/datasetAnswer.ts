/**
 * A dataset request answered as bytes: the JSON envelope, CSV, XLSX or Arrow. Marts are answered from
 * the published build and cached per build; quarantine is read from the warehouse and cached per state
 * of the warehouse files, since an ingest changes it without a build.
 */
import { existsSync, statSync } from 'node:fs';
import { withDb } from '../../lib/db.js';
import type { DatasetSpec } from '../../lib/datasets.js';
import { paths } from '../../lib/dataDir.js';
import { maskRow } from '../../pipelines/export/mask.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { encode, type ExportRow } from '../../pipelines/export/formats.js';
import { toArrowStream } from '../formats/arrow.js';
import { HttpError, isLockError } from '../../lib/errors.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { ResponseCache, type CachedAnswer } from '../responseCache.js';
import { queryDataset, type DatasetQuery } from '../queries/datasetQuery.js';
import { checkRecordsState, withCheckCoverage } from '../../pipelines/export/checks.js';

export const DATASET_FORMATS = ['json', 'csv', 'xlsx', 'arrow'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export interface DatasetRequest extends DatasetQuery {
  format: DatasetFormat;
  mask: boolean;
}

export interface DatasetAnswer extends CachedAnswer {
  buildId: string | null;
}

const CONTENT_TYPES: Record<DatasetFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  arrow: 'application/vnd.apache.arrow.stream',
};

async function encodeAnswer(
  spec: DatasetSpec,
  req: DatasetRequest,
  build: { as_of: string | null; build_id: string | null },
  result: Awaited<ReturnType<typeof queryDataset>>,
): Promise<CachedAnswer> {
  const rows = req.mask ? result.rows.map(maskRow) : result.rows;
  const stem = `${spec.name}-${build.build_id ?? 'warehouse'}`;
  let body: Buffer;
  if (req.format === 'json')
    body = Buffer.from(JSON.stringify({ as_of: build.as_of, build_id: build.build_id, total: result.total, rows }));
  else if (req.format === 'arrow') body = toArrowStream(spec.columns, result.types, rows);
  else body = await encode(req.format, spec.name, spec.columns, rows as ExportRow[]);
  return {
    body,
    contentType: CONTENT_TYPES[req.format],
    rows: rows.length,
    filename: req.format === 'json' ? undefined : `${stem}.${req.format}`,
  };
}

function cacheKey(spec: DatasetSpec, req: DatasetRequest): string {
  const filters = [...req.filters].map(([k, v]) => [k, [...v].sort()] as const).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([spec.name, req.format, filters, req.limit, req.offset, req.department, req.mask]);
}

export async function answerDataset(
  builds: PublishedBuilds,
  spec: DatasetSpec,
  req: DatasetRequest,
): Promise<DatasetAnswer> {
  if (spec.name === 'quarantine') return answerQuarantine(builds.dataDir, spec, req);
  if (spec.name === 'checks') return answerChecks(builds.dataDir, spec, req);
  return builds.with(async (build) => {
    if (!build) throw new HttpError(503, 'no_build', 'no build has been published yet; run `sentinel build` first');
    const answer = await build.cache.getOrCompute(cacheKey(spec, req), async () => {
      const exists = await build.query((db) =>
        db.value<number>(
          `select count(*) from duckdb_tables() where database_name = current_database() and schema_name = 'main' and table_name = ?`,
          [spec.table],
        ),
      );
      if (!exists)
        throw new HttpError(
          503,
          'no_dataset',
          `the published build ${build.pointer.build_id} has no ${spec.name} dataset (model ${spec.table})`,
        );
      const result = await build.query((db) => queryDataset(db, spec, req));
      return encodeAnswer(spec, req, build.pointer, result);
    });
    return { ...answer, buildId: build.pointer.build_id };
  });
}

const checksCache = new ResponseCache(8 * 1024 * 1024);

/**
 * Check records change with every check, by appending to their files: the answer is cached per state of
 * those files (a check or a feedback changes a size), since reading them into a fresh in-memory table
 * costs far more than a cached page.
 */
async function answerChecks(dataDir: string, spec: DatasetSpec, req: DatasetRequest): Promise<DatasetAnswer> {
  const pointer = readPointer(dataDir);
  const build = { as_of: pointer?.as_of ?? null, build_id: pointer?.build_id ?? null };
  const key = `${dataDir}|${checkRecordsState(dataDir)}|${JSON.stringify(build)}|${cacheKey(spec, req)}`;
  const answer = await checksCache.getOrCompute(key, async () =>
    encodeAnswer(spec, req, build, await withCheckCoverage(dataDir, (db) => queryDataset(db, spec, req))),
  );
  return { ...answer, buildId: build.build_id };
}

/** The warehouse's state as its file system sees it: any commit changes the file or its WAL. */
function warehouseState(warehouse: string): string {
  const stamp = (f: string) => {
    try {
      const st = statSync(f);
      return `${st.size}:${st.mtimeMs}`;
    } catch {
      return '-';
    }
  };
  return `${stamp(warehouse)}|${stamp(`${warehouse}.wal`)}`;
}

const quarantineCache = new ResponseCache(32 * 1024 * 1024);

async function answerQuarantine(dataDir: string, spec: DatasetSpec, req: DatasetRequest): Promise<DatasetAnswer> {
  const warehouse = paths.warehouse(dataDir);
  if (!existsSync(warehouse))
    throw new HttpError(503, 'no_warehouse', 'nothing has been ingested yet: run `sentinel ingest` first');
  const pointer = readPointer(dataDir);
  const build = { as_of: pointer?.as_of ?? null, build_id: pointer?.build_id ?? null };
  // Opening the warehouse and reading every source's quarantined rows costs a second at city scale;
  // the answer only changes when an ingest commits, which changes the files' size or time.
  const key = `${warehouse}|${warehouseState(warehouse)}|${JSON.stringify(build)}|${cacheKey(spec, req)}`;
  const answer = await quarantineCache.getOrCompute(key, () => readQuarantineAnswer(warehouse, spec, req, build));
  return { ...answer, buildId: build.build_id };
}

async function readQuarantineAnswer(
  warehouse: string,
  spec: DatasetSpec,
  req: DatasetRequest,
  build: { as_of: string | null; build_id: string | null },
): Promise<CachedAnswer> {
  let result;
  try {
    result = await withDb(warehouse, { readOnly: true, threads: 1 }, (db) => queryDataset(db, spec, req));
  } catch (e) {
    if (isLockError(e)) {
      throw new HttpError(
        503,
        'warehouse_busy',
        'the warehouse is being written by an ingest or a build in another process; quarantine can be read again when it finishes (retry in a minute)',
      );
    }
    throw e;
  }
  return encodeAnswer(spec, req, build, result);
}
