import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Database, type Db } from '../../lib/db.js';
import type { Config } from '../../lib/config/schema.js';
import type { Log } from '../../lib/log.js';
import { paths } from '../../lib/dataDir.js';
import { todayInShanghai } from '../../lib/dates.js';
import { installMacros } from '../../lib/sql/macros.js';
import { loadReference } from '../../lib/reference/index.js';
import { CONTRACTS } from './contracts/index.js';
import { ensureTypedViews, ensureWarehouseTables } from './warehouse.js';
import { loadFile, readDelivered, type DeliveredFile } from './loadFile.js';
import { assertInbox, scanInbox, type Candidate } from './inbox.js';
import { ensureRunPid, markInterrupted } from './interrupted.js';
import { noteOutcome, type FileOutcome } from './outcome.js';
import { assertUnchanged, FileChangedError } from './settle.js';
import { FileRefused } from './refusal.js';
import { headerMappingsPath, loadHeaderMappings, type HeaderMappings } from '../../lib/headerMappings/file.js';
import { recordSightings, type Sighting } from '../../lib/headerMappings/seen.js';
import { contractForFile, FIELD_CATALOGUE } from './fieldCatalogue.js';
import { mapHeaders } from './headers.js';
import { observeRows, type PartObservation } from './unknownColumns.js';

export type { FileOutcome, FileStatus } from './outcome.js';

export interface IngestResult {
  runId: string;
  outcomes: FileOutcome[];
}

export interface IngestOptions {
  dataDir: string;
  config: Readonly<Config>;
  log: Log;
  now?: () => Date;
}

async function sha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Content hashes computed ahead: the next file is hashed (JavaScript's thread) while DuckDB's threads
 * load the file before it, so the hash — 0.5 s for 500 MB — is no longer paid between them. The hash
 * is awaited where it was computed before, so a failure surfaces there.
 */
class HashesAhead {
  private readonly pending = new Map<string, Promise<string>>();

  ahead(path: string): void {
    if (this.pending.has(path)) return;
    const p = sha256(path);
    p.catch(() => undefined); // awaited by of(), which sees the rejection
    this.pending.set(path, p);
  }

  of(path: string): Promise<string> {
    this.ahead(path);
    const p = this.pending.get(path)!;
    this.pending.delete(path);
    return p;
  }
}

/** Loaded and re-delivered files leave the inbox, so what stays there is pending or refused. */
async function archive(dataDir: string, file: DeliveredFile & Candidate): Promise<void> {
  const dir = paths.archive(dataDir, file.source);
  await mkdir(dir, { recursive: true });
  await rename(file.path, join(dir, `${file.hash.slice(0, 12)}-${file.name}`));
  // The marker goes with its file: left behind, it would declare a later file of the same name complete.
  if (file.marker)
    await rename(join(dirname(file.path), file.marker), join(dir, `${file.hash.slice(0, 12)}-${file.marker}`));
}

async function logLoad(db: Db, runId: string, now: Date, o: FileOutcome, hash: string | null): Promise<void> {
  await db.run(
    `insert into ingest.load_log (run_id, logged_at, source, file_name, file_hash, status, file_id, message,
       unknown_headers)
     values (?, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?)`,
    [runId, now.toISOString(), o.source, o.file, hash, o.status, o.fileId, o.message, o.unknownHeaders],
  );
}

/**
 * Opens the warehouse for writing with its tables, macros and run records in place. The typed views and
 * the reference tables (0.4–0.7 s on a fresh file, all of it DuckDB's work) are made on a second
 * connection meanwhile: `ready` settles once they are. The run waits for it before a file's rows land,
 * so the first file is hashed and read on JavaScript's thread, which was idle while they were made.
 */
export async function openWarehouse(
  dataDir: string,
  config: Readonly<Config>,
): Promise<{ database: Database; db: Db; ready: Promise<void> }> {
  // A bounded buffer pool: the staging temp tables of a large file spill to disk instead of growing the
  // process (an XLSX must stay under 2 GB of RSS with its rows also held in JavaScript).
  const database = await Database.open(paths.warehouse(dataDir), { memoryLimit: '1GB' });
  const db = await database.connect();
  await installMacros(db, config);
  await ensureWarehouseTables(db);
  await ensureRunPid(db);
  await markInterrupted(db);
  const ready = (async () => {
    const side = await database.connect();
    try {
      await ensureTypedViews(side, config.ingest.unit_error_threshold_wan * 10000);
      await loadReference(side);
    } finally {
      side.close();
    }
  })();
  ready.catch(() => undefined); // awaited by the run, which sees the rejection
  return { database, db, ready };
}

/** The views or reference tables could not be made: the run stops, as when opening the warehouse failed. */
class WarehouseNotReady extends Error {
  constructor(readonly reason: unknown) {
    super('the warehouse could not be prepared');
  }
}

interface RunContext {
  db: Db;
  dataDir: string;
  config: Readonly<Config>;
  log: Log;
  runId: string;
  now: () => Date;
  scratch: string;
  /** The office's header mapping, read once at the start of the run. */
  mappings: HeaderMappings;
  /** Unknown columns seen this run, for the 表头映射 page. */
  sightings: Sighting[];
  hashes: HashesAhead;
  /** Settles when the typed views and reference tables are in place (`openWarehouse`). */
  ready: Promise<void>;
}

const CHANGED = '读取时文件有改动（可能仍在写入），本次未读入，留待下次读取';

/** Reads a new file and lands its rows in one transaction, rolled back if the file changed meanwhile. */
async function loadNew(ctx: RunContext, file: DeliveredFile & Candidate, outcome: FileOutcome): Promise<void> {
  const { db, runId, now, config, log } = ctx;
  const progress = (msg: string) => log.info({ source: file.source }, msg);
  const contract = contractForFile(CONTRACTS[file.source as keyof typeof CONTRACTS], ctx.mappings, file.name);
  const observed: PartObservation[] = [];
  let read;
  try {
    progress(`${file.name}: reading ${(file.size / 2 ** 20).toFixed(1)} MB`);
    read = await readDelivered(file, contract, config, ctx.scratch, progress);
    await ctx.ready.catch((e: unknown) => {
      throw new WarehouseNotReady(e);
    });
    if (read.parts.length === 0)
      throw new Error(`no sheet has a header row of ${file.source} (${read.skipped.join('; ')})`);
    const r = read;
    const counts = await loadFile(db, file, contract, r, {
      config,
      runId,
      now: now(),
      ingestedDate: todayInShanghai(now()),
      progress,
      observed,
      inTransaction: async (fileId) => {
        // The rows read must be the file's rows: a file appended to while it was read is not committed.
        await assertUnchanged(file.path, file.name, file.state);
        outcome.unknownHeaders = unknownOf(observed);
        await logLoad(db, runId, now(), { ...outcome, fileId, message: r.skipped.join('; ') || null }, file.hash);
      },
    });
    Object.assign(outcome, {
      fileId: counts.fileId,
      rowsRead: counts.rowsRead,
      rowsLoaded: counts.rowsLoaded,
      rowsQuarantined: counts.rowsQuarantined,
      rowsBlank: counts.rowsBlank,
      message: counts.skippedParts.join('; ') || null,
    });
  } catch (e) {
    if (e instanceof WarehouseNotReady) throw e.reason;
    const changed = e instanceof FileChangedError;
    Object.assign(outcome, { status: changed ? 'left' : 'failed', fileId: null });
    outcome.message = changed ? CHANGED : ((e as Error).message.split('\n')[0] ?? String(e));
    // The clerk reads the message; the operator's log also keeps the DuckDB or JavaScript detail.
    const detail = e instanceof FileRefused ? e.detail : null;
    const header = e instanceof FileRefused ? e.headerNotFound : null;
    if (header) observed.push(observeRows(contract, mapHeaders(contract, header.headers), header.rows));
    outcome.unknownHeaders = unknownOf(observed);
    log.error(
      { source: file.source, file: file.name, ...(detail ? { detail } : {}) },
      `cannot read: ${outcome.message}`,
    );
    await logLoad(db, runId, now(), outcome, changed ? null : file.hash);
  } finally {
    await read?.cleanup();
  }
  if (outcome.status === 'loaded' || outcome.status === 'failed') noteSightings(ctx, file, outcome, observed);
}

const unknownOf = (observed: readonly PartObservation[]) => [
  ...new Set(observed.flatMap((p) => p.columns.map((c) => c.header))),
];

function noteSightings(ctx: RunContext, file: DeliveredFile, o: FileOutcome, observed: readonly PartObservation[]) {
  const departments = [...new Set(observed.flatMap((p) => p.departments))];
  const seen = { file: file.name, hash: file.hash, departments, run_id: ctx.runId, at: ctx.now().toISOString() };
  const status = o.status === 'loaded' ? 'loaded' : 'refused';
  for (const part of observed)
    for (const c of part.columns)
      ctx.sightings.push({
        source: file.source,
        header: c.header,
        samples: c.samples,
        proposal: c.proposal,
        file: { ...seen, status },
      });
}

/** Archives a file whose rows are committed, unless it changed since: then the next run reads it again. */
async function archiveIfUnchanged(ctx: RunContext, file: DeliveredFile & Candidate, o: FileOutcome): Promise<void> {
  try {
    await assertUnchanged(file.path, file.name, file.state);
  } catch {
    o.message = [o.message, '读入后文件又有改动，未归档：下次运行会再读一次'].filter(Boolean).join('; ');
    ctx.log.warn({ source: file.source, file: file.name }, o.message);
    return;
  }
  await archive(ctx.dataDir, file);
}

/** One inbox file: hashed, recognised if loaded before, else read and loaded; archived once committed. */
async function takeFile(ctx: RunContext, f: Candidate): Promise<FileOutcome> {
  const { db, runId, now } = ctx;
  const started = Date.now();
  const file = { ...f, hash: await ctx.hashes.of(f.path) };
  const outcome = noteOutcome(file.source, file.name, 'loaded', '');
  outcome.message = null;
  try {
    await assertUnchanged(file.path, file.name, file.state);
  } catch {
    Object.assign(outcome, { status: 'left', message: CHANGED });
    await logLoad(db, runId, now(), outcome, null);
    return outcome;
  }
  const known = await db.one<{ file_id: number; source: string; file_name: string }>(
    'select file_id, source, file_name from ingest.files where file_hash = ?',
    [file.hash],
  );
  if (known) {
    // The same bytes again load nothing; the same file after a crash between commit and archive too.
    const same = known.source === file.source && known.file_name === file.name;
    outcome.status = same ? 'already_loaded' : 'duplicate';
    outcome.fileId = known.file_id;
    outcome.message = same ? null : `identical to ${known.source}/${known.file_name}, loaded before`;
    await logLoad(db, runId, now(), outcome, file.hash);
    await archiveIfUnchanged(ctx, file, outcome);
  } else {
    await loadNew(ctx, file, outcome);
    // After the commit: a crash before this move only means the next run finds it already loaded.
    if (outcome.status === 'loaded') await archiveIfUnchanged(ctx, file, outcome);
  }
  outcome.seconds = (Date.now() - started) / 1000;
  if (outcome.status === 'loaded') {
    // Recorded after the commit: the time includes the transaction and the move to the archive.
    await db.run('update ingest.files set seconds = ? where file_id = ?', [outcome.seconds, outcome.fileId]);
    ctx.log.info(
      { source: file.source },
      `${file.name}: ${outcome.rowsLoaded} loaded, ${outcome.rowsQuarantined} quarantined in ${outcome.seconds.toFixed(1)} s`,
    );
  }
  return outcome;
}

/** What was refused, left or skipped before reading is logged first, each with its reason. */
async function noteAll(ctx: RunContext, notes: readonly FileOutcome[]): Promise<void> {
  for (const n of notes) {
    const fields = { source: n.source, file: n.file };
    if (n.status === 'failed') ctx.log.error(fields, n.message ?? 'refused');
    else if (!n.quiet) ctx.log.warn(fields, `${n.status}: ${n.message}`);
    await logLoad(ctx.db, ctx.runId, ctx.now(), n, null);
  }
}

/**
 * Loads every new inbox file. Each file is its own transaction: it loads completely or not at all,
 * so a crash at any moment leaves the warehouse as it was after the last whole file.
 */
export async function ingest(opts: IngestOptions): Promise<IngestResult> {
  const now = opts.now ?? (() => new Date());
  const { dataDir, config, log } = opts;
  await assertInbox(dataDir);
  const scratch = paths.scratch(dataDir);
  await mkdir(scratch, { recursive: true });
  // Read before the warehouse is opened: a mapping file with a mistake stops the run with its message.
  const mappings = loadHeaderMappings(headerMappingsPath(config.ingest.header_mappings_file), FIELD_CATALOGUE);
  const hashes = new HashesAhead();
  const { database, db, ready } = await openWarehouse(dataDir, config);
  const stamp = now()
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14);
  const ctx: RunContext = {
    db,
    dataDir,
    config,
    log,
    now,
    scratch,
    runId: `ingest-${stamp}-${randomBytes(3).toString('hex')}`,
    mappings,
    sightings: [],
    hashes,
    ready,
  };
  const { runId } = ctx;
  const outcomes: FileOutcome[] = [];
  const finish = (status: string) =>
    db.run(
      `update ingest.runs set finished_at = ?::timestamptz, status = ?, files_loaded = ?, files_failed = ?
       where run_id = ?`,
      [now().toISOString(), status, count(outcomes, 'loaded'), count(outcomes, 'failed'), runId],
    );
  try {
    await db.run(`insert into ingest.runs (run_id, started_at, status, pid) values (?, ?::timestamptz, 'running', ?)`, [
      runId,
      now().toISOString(),
      process.pid,
    ]);
    // Scanned after the warehouse is open, as before: scanning it while the warehouse opened (to hash the
    // first file meanwhile) changed what test/ingest/settle.test.ts's writers are caught doing.
    const { files, notes } = await scanInbox(dataDir, { now: now(), settleSeconds: config.ingest.settle_seconds });
    await noteAll(ctx, notes);
    outcomes.push(...notes);
    for (const [i, f] of files.entries()) {
      const next = files[i + 1];
      if (next) hashes.ahead(next.path);
      outcomes.push(await takeFile(ctx, f));
    }
    await ready;
    // The page's list is a convenience beside the load log: a failure to write it never fails the run.
    await recordSightings(dataDir, FIELD_CATALOGUE, ctx.sightings, now()).catch((e: Error) =>
      log.warn(
        { file: 'ingest/headers-seen.json' },
        `unknown headers not recorded for the 表头映射 page: ${e.message}`,
      ),
    );
    await finish(count(outcomes, 'failed') ? 'failed' : 'succeeded');
    await db.run('checkpoint');
  } catch (e) {
    // An error that stopped the run is recorded as such, not left looking like a run still going.
    await finish('failed').catch(() => undefined);
    throw e;
  } finally {
    // Never closed under the second connection's statements.
    await ready.catch(() => undefined);
    db.close();
    database.close();
    await rm(scratch, { recursive: true, force: true });
  }
  return { runId, outcomes };
}

const count = (outcomes: readonly FileOutcome[], status: FileOutcome['status']) =>
  outcomes.filter((o) => o.status === status).length;
