import { basename, extname } from 'node:path';
import type { Db } from '../../lib/db.js';
import { ident } from '../../lib/db.js';
import type { Config } from '../../lib/config/schema.js';
import type { SourceContract } from './contracts/types.js';
import { mapHeaders, uniqueHeaders, type HeaderMapping } from './headers.js';
import { blankCountSql, landingTable, loadStatement, partsInsertSql, type CellsSource } from './sql.js';
import { maxCellsPerField } from './typed.js';
import { CONTRACTS } from './contracts/index.js';
import { keyFieldColumns, keyFieldProblem, observePart, type PartObservation } from './unknownColumns.js';
import { readCsv } from './readers/csv.js';
import { readJson } from './readers/json.js';
import { readXlsx } from './readers/xlsx.js';
import type { ReadFile } from './readers/types.js';
import { contentKind } from './readers/contentKind.js';
import { ContentRefused, refusalOf } from './refusal.js';

export interface DeliveredFile {
  source: string;
  path: string;
  name: string;
  hash: string;
  size: number;
  modifiedAt: Date;
}

export interface LoadCounts {
  fileId: number;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  rowsBlank: number;
  format: string;
  skippedParts: string[];
}

/** sources.md: a file name starting with YYYYMMDD states the extract date. */
export function extractDateOf(name: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(name);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  // An impossible date (20251345) is an Invalid Date, whose toISOString throws: the file was refused.
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** sources.md: a list file whose name contains 全量 or _full is a full snapshot. */
export function isFullSnapshotName(name: string): boolean {
  return name.includes('全量') || /_full/i.test(name);
}

const EXTENSIONS: Record<string, { format: string; text: boolean }> = {
  '.csv': { format: 'CSV', text: true },
  '.xlsx': { format: 'Excel 工作簿（.xlsx）', text: false },
  '.json': { format: 'JSON', text: true },
  '.jsonl': { format: 'JSON Lines', text: true },
  '.ndjson': { format: 'JSON Lines', text: true },
};

/** Refuses by its bytes a file that is not what its name says, before a reader makes no sense of it. */
async function checkContent(file: DeliveredFile, ext: string): Promise<void> {
  if (ext === '.xls') throw new ContentRefused('不接收旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后重新报送');
  const expected = EXTENSIONS[ext];
  if (!expected) {
    throw new ContentRefused(`不接收「${ext || '无扩展名'}」类型的文件，请报送 CSV、XLSX、JSON 或 JSONL 文件`);
  }
  if (file.size === 0) throw new ContentRefused('文件为空（0 字节）');
  const kind = await contentKind(file.path);
  if (expected.text ? kind !== null : kind?.kind !== 'zip') {
    throw new ContentRefused(`文件名是 ${ext}，内容却是${kind?.name ?? '文本'}，不是${expected.format}文件`);
  }
}

/** A file name's unreadable YYYYMMDD: the file loads as of its ingest date, and the summary says so. */
function nameDateNote(name: string): string | null {
  const m = /^(\d{8})/.exec(name);
  if (!m || extractDateOf(name)) return null;
  return `文件名中的日期「${m[1]}」无法识别，按入库日期处理`;
}

export async function readDelivered(
  file: DeliveredFile,
  contract: SourceContract,
  config: Config,
  scratch: string,
  progress: (msg: string) => void,
): Promise<ReadFile> {
  const ext = extname(file.name).toLowerCase();
  const { header_search_rows, header_min_matches } = config.ingest;
  try {
    await checkContent(file, ext);
    const read =
      ext === '.csv'
        ? await readCsv(file.path, contract, scratch, header_min_matches, progress)
        : ext === '.xlsx'
          ? await readXlsx(file.path, contract, header_search_rows, header_min_matches)
          : await readJson(file.path, ext !== '.json');
    const note = nameDateNote(file.name);
    if (note) read.skipped.push(note);
    return read;
  } catch (e) {
    throw refusalOf(file.name, e);
  }
}

/**
 * Loads one delivered file: its parts are read into temp tables first (a failed fast CSV read must not
 * abort the transaction), then one transaction puts every row of every part into landing.<source>, loaded
 * or quarantined with its reason, records the file in the load log and runs `inTransaction`.
 */
export async function loadFile(
  db: Db,
  file: DeliveredFile,
  contract: SourceContract,
  read: ReadFile,
  ctx: {
    config: Config;
    runId: string;
    now: Date;
    ingestedDate: string;
    progress: (msg: string) => void;
    inTransaction: (fileId: number) => Promise<void>;
    /** Receives each part's unknown columns as soon as they are read, before the file can be refused. */
    observed: PartObservation[];
  },
): Promise<LoadCounts> {
  const prefix = `_cells_${process.pid}_`;
  const sources: { part: ReadFile['parts'][number]; src: CellsSource; mapping: HeaderMapping }[] = [];
  try {
    for (const [i, part] of read.parts.entries()) {
      const src = await part.load(db, `${prefix}${i + 1}`);
      ctx.progress(`${file.name}${part.sheet ? ` [${part.sheet}]` : ''}: ${src.rows} rows read`);
      const mapping = mapHeaders(contract, part.headers);
      for (const f of CONTRACTS[contract.source as keyof typeof CONTRACTS].fields) {
        // The typed view reads as many cells per field as the contract itself allows, mapped headers or not.
        const n = mapping.columns.filter((c) => c.field === f.name).length;
        if (n > maxCellsPerField(f)) {
          throw new ContentRefused(
            `有 ${n} 列的列名是「${f.header}」或其别名，同一字段最多只能读取 ${maxCellsPerField(f)} 列`,
          );
        }
      }
      const seen = await observePart(db, contract, mapping, src);
      ctx.observed.push(seen);
      const keyColumns = keyFieldColumns(contract, seen.columns);
      if (keyColumns.length > 0) throw new ContentRefused(keyFieldProblem(contract, keyColumns));
      sources.push({ part, src, mapping });
    }
    return await db.transaction(async () => {
      const fileId = (await db.value<number>('select coalesce(max(file_id), 0) + 1 from ingest.files')) as number;
      let rowOffset = 0;
      let rowsBlank = 0;
      let recordsRead = 0;
      for (const [i, { part, src, mapping }] of sources.entries()) {
        const sql = loadStatement(contract, mapping, src, { fileId, part: i + 1, rowOffset });
        await db.runWithProgress(sql, (p) => ctx.progress(`${file.name}: checking ${p.toFixed(0)}%`));
        await db.run(partsInsertSql(contract, mapping, fileId, i + 1));
        const blank = await db.value<number>(blankCountSql(src));
        rowsBlank += blank;
        // Counted from what the reader produced, not from what landed in raw, so the accounting
        // identity rows_read = rows_loaded + rows_quarantined is a real check.
        recordsRead += src.rows - blank;
        await db.run(
          `insert into ingest.file_parts (file_id, part, sheet, header_row, headers, unknown_headers, row_offset)
           values (?, ?, ?, ?, ?, ?, ?)`,
          [fileId, i + 1, part.sheet, part.headerRow, uniqueHeaders(part.headers), mapping.unknown, rowOffset],
        );
        // Row numbers continue across the sheets of a workbook, so (file, row_number) names one row.
        rowOffset += src.rows;
      }
      const counts = await db.one<{ loaded: number; quarantined: number }>(
        `select count(*) filter (where _reason is null) as loaded,
           count(*) filter (where _reason is not null) as quarantined
         from ${landingTable(contract)} where _file_id = ?`,
        [fileId],
      );
      const rowsLoaded = counts?.loaded ?? 0;
      const rowsQuarantined = counts?.quarantined ?? 0;
      await db.run(
        `insert into ingest.files (file_id, source, file_name, file_hash, size_bytes, modified_at, format, encoding,
           extract_date, is_full_snapshot, run_id, loaded_at, ingested_date, rows_read, rows_loaded, rows_quarantined,
           rows_blank)
         values (?, ?, ?, ?, ?, ?::timestamptz, ?, ?, ?::date, ?, ?, ?::timestamptz, ?::date, ?, ?, ?, ?)`,
        [
          fileId,
          file.source,
          basename(file.name),
          file.hash,
          file.size,
          file.modifiedAt.toISOString(),
          read.format,
          read.encoding,
          extractDateOf(file.name),
          isFullSnapshotName(file.name),
          ctx.runId,
          ctx.now.toISOString(),
          ctx.ingestedDate,
          recordsRead,
          rowsLoaded,
          rowsQuarantined,
          rowsBlank,
        ],
      );
      await ctx.inTransaction(fileId);
      if (recordsRead !== rowsLoaded + rowsQuarantined) {
        throw new Error(
          `accounting failed for ${file.name}: ${recordsRead} rows read, ` +
            `${rowsLoaded} loaded + ${rowsQuarantined} quarantined`,
        );
      }
      return {
        fileId,
        rowsRead: recordsRead,
        rowsLoaded,
        rowsQuarantined,
        rowsBlank,
        format: read.format,
        skippedParts: read.skipped,
      };
    });
  } catch (e) {
    throw refusalOf(file.name, e);
  } finally {
    for (const i of read.parts.keys()) await db.run(`drop table if exists ${ident(`${prefix}${i + 1}`)}`);
  }
}
