import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Database, type Db } from '../../lib/db.js';
import type { Config } from '../../lib/config/schema.js';
import type { Log } from '../../lib/log.js';
import { paths } from '../../lib/dataDir.js';
import { todayInShanghai } from '../../lib/dates.js';
import { installMacros } from '../../lib/sql/macros.js';
import { loadReference } from '../../lib/reference/index.js';
import { CONTRACTS, isSourceName } from './contracts/index.js';
import { ensureWarehouseSchema } from './warehouse.js';
import { loadFile, readDelivered, type DeliveredFile } from './loadFile.js';

export type FileStatus = 'loaded' | 'duplicate' | 'already_loaded' | 'failed';

export interface FileOutcome {
  source: string;
  file: string;
  status: FileStatus;
  fileId: number | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  rowsBlank: number;
  message: string | null;
  seconds: number;
}

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

/** Every file waiting in the inbox, in delivery order: modification time, then file name. */
async function pendingFiles(dataDir: string): Promise<{ files: Omit<DeliveredFile, 'hash'>[]; strays: FileOutcome[] }> {
  const inbox = paths.inbox(dataDir);
  const files: Omit<DeliveredFile, 'hash'>[] = [];
  const strays: FileOutcome[] = [];
  let entries;
  try {
    entries = await readdir(inbox, { withFileTypes: true });
  } catch {
    return { files, strays };
  }
  const failed = (source: string, file: string, message: string): FileOutcome => ({
    source,
    file,
    status: 'failed',
    fileId: null,
    rowsRead: 0,
    rowsLoaded: 0,
    rowsQuarantined: 0,
    rowsBlank: 0,
    message,
    seconds: 0,
  });
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if (!e.isDirectory()) {
      strays.push(failed('(inbox)', e.name, 'a file must be delivered inside its source folder, inbox/<source>/'));
      continue;
    }
    const dir = join(inbox, e.name);
    const inDir = (await readdir(dir, { withFileTypes: true })).filter(
      (f) => f.isFile() && !f.name.startsWith('.') && !f.name.startsWith('~$'),
    );
    if (!isSourceName(e.name)) {
      for (const f of inDir) strays.push(failed(e.name, f.name, `inbox/${e.name} is not a source of sources.md`));
      continue;
    }
    for (const f of inDir) {
      const path = join(dir, f.name);
      const st = await stat(path);
      files.push({ source: e.name, path, name: f.name, size: st.size, modifiedAt: st.mtime });
    }
  }
  files.sort(
    (a, b) =>
      a.modifiedAt.getTime() - b.modifiedAt.getTime() ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      (a.source < b.source ? -1 : a.source > b.source ? 1 : 0),
  );
  return { files, strays };
}

/** Loaded and re-delivered files leave the inbox, so what stays there is pending or refused. */
async function archive(dataDir: string, file: DeliveredFile): Promise<void> {
  const dir = paths.archive(dataDir, file.source);
  await mkdir(dir, { recursive: true });
  await rename(file.path, join(dir, `${file.hash.slice(0, 12)}-${file.name}`));
}

async function logLoad(db: Db, runId: string, now: Date, o: FileOutcome, hash: string | null): Promise<void> {
  await db.run(
    `insert into ingest.load_log (run_id, logged_at, source, file_name, file_hash, status, file_id, message)
     values (?, ?::timestamptz, ?, ?, ?, ?, ?, ?)`,
    [runId, now.toISOString(), o.source, o.file, hash, o.status, o.fileId, o.message],
  );
}

/** Opens the warehouse for writing with its schema, macros and reference tables in place. */
export async function openWarehouse(
  dataDir: string,
  config: Readonly<Config>,
): Promise<{ database: Database; db: Db }> {
  // A bounded buffer pool: the staging temp tables of a large file spill to disk instead of growing the
  // process (an XLSX must stay under 2 GB of RSS with its rows also held in JavaScript).
  const database = await Database.open(paths.warehouse(dataDir), { memoryLimit: '1GB' });
  const db = await database.connect();
  await installMacros(db, config);
  await ensureWarehouseSchema(db, config.ingest.unit_error_threshold_wan * 10000);
  await loadReference(db);
  return { database, db };
}

/**
 * Loads every new inbox file. Each file is its own transaction: it loads completely or not at all,
 * so a crash at any moment leaves the warehouse as it was after the last whole file.
 */
export async function ingest(opts: IngestOptions): Promise<IngestResult> {
  const now = opts.now ?? (() => new Date());
  const { dataDir, config, log } = opts;
  const scratch = paths.scratch(dataDir);
  await mkdir(scratch, { recursive: true });
  const { database, db } = await openWarehouse(dataDir, config);
  const runId = `ingest-${now()
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14)}-${randomBytes(3).toString('hex')}`;
  const outcomes: FileOutcome[] = [];
  try {
    await db.run(`insert into ingest.runs (run_id, started_at, status) values (?, ?::timestamptz, 'running')`, [
      runId,
      now().toISOString(),
    ]);
    const { files, strays } = await pendingFiles(dataDir);
    for (const s of strays) {
      log.error({ source: s.source, file: s.file }, s.message ?? 'refused');
      await logLoad(db, runId, now(), s, null);
      outcomes.push(s);
    }
    for (const f of files) {
      const started = Date.now();
      const file: DeliveredFile = { ...f, hash: await sha256(f.path) };
      const outcome: FileOutcome = {
        source: file.source,
        file: file.name,
        status: 'loaded',
        fileId: null,
        rowsRead: 0,
        rowsLoaded: 0,
        rowsQuarantined: 0,
        rowsBlank: 0,
        message: null,
        seconds: 0,
      };
      const progress = (msg: string) => log.info({ source: file.source }, msg);
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
        await archive(dataDir, file);
      } else {
        let read;
        try {
          progress(`${file.name}: reading ${(file.size / 2 ** 20).toFixed(1)} MB`);
          read = await readDelivered(file, CONTRACTS[file.source as keyof typeof CONTRACTS], config, scratch, progress);
          if (read.parts.length === 0)
            throw new Error(`no sheet has a header row of ${file.source} (${read.skipped.join('; ')})`);
          const contract = CONTRACTS[file.source as keyof typeof CONTRACTS];
          const r = read;
          const counts = await loadFile(db, file, contract, r, {
            config,
            runId,
            now: now(),
            ingestedDate: todayInShanghai(now()),
            progress,
            inTransaction: (fileId) =>
              logLoad(db, runId, now(), { ...outcome, fileId, message: r.skipped.join('; ') || null }, file.hash),
          });
          outcome.fileId = counts.fileId;
          Object.assign(outcome, {
            rowsRead: counts.rowsRead,
            rowsLoaded: counts.rowsLoaded,
            rowsQuarantined: counts.rowsQuarantined,
            rowsBlank: counts.rowsBlank,
            message: counts.skippedParts.join('; ') || null,
          });
        } catch (e) {
          outcome.status = 'failed';
          outcome.fileId = null;
          outcome.message = (e as Error).message.split('\n')[0] ?? String(e);
          log.error({ source: file.source, file: file.name }, `cannot read: ${outcome.message}`);
          await logLoad(db, runId, now(), outcome, file.hash);
        } finally {
          await read?.cleanup();
        }
        // After the commit: a crash before this move only means the next run finds it already loaded.
        if (outcome.status === 'loaded') await archive(dataDir, file);
      }
      outcome.seconds = (Date.now() - started) / 1000;
      if (outcome.status === 'loaded') {
        // Recorded after the commit: the time includes the transaction and the move to the archive.
        await db.run('update ingest.files set seconds = ? where file_id = ?', [outcome.seconds, outcome.fileId]);
        progress(
          `${file.name}: ${outcome.rowsLoaded} loaded, ` +
            `${outcome.rowsQuarantined} quarantined in ${outcome.seconds.toFixed(1)} s`,
        );
      }
      outcomes.push(outcome);
    }
    const loaded = outcomes.filter((o) => o.status === 'loaded').length;
    const failed = outcomes.filter((o) => o.status === 'failed').length;
    await db.run(
      `update ingest.runs set finished_at = ?::timestamptz, status = ?, files_loaded = ?, files_failed = ?
       where run_id = ?`,
      [now().toISOString(), failed ? 'failed' : 'succeeded', loaded, failed, runId],
    );
    await db.run('checkpoint');
  } finally {
    db.close();
    database.close();
    await rm(scratch, { recursive: true, force: true });
  }
  return { runId, outcomes };
}
