import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Db } from '../../../lib/db.js';
import { ident, literal } from '../../../lib/db.js';
import type { SourceContract } from '../contracts/types.js';
import { mapHeaders } from '../headers.js';
import { ContentRefused, HeaderNotFound } from '../refusal.js';
import { needsTranscoding, readHead, sniffEncoding, transcodeToUtf8 } from './encoding.js';
import { hasBareCarriageReturn } from './lineEnds.js';
import type { ReadFile } from './types.js';

const DELIMITERS = [',', '\t', ';', '|'];
/** Room for rows longer than their header: such a row is unreadable (its cells shifted), but kept. */
const OVERFLOW_COLUMNS = 32;
/** The widest row read: a contract has a few dozen fields, a wider file is not a department's extract. */
export const MAX_COLUMNS = 1024;
const HEAD_BYTES = 64 * 1024;

function firstRecords(text: string, delimiter: string, count: number): string[][] {
  try {
    return parse(text, {
      delimiter,
      to: count,
      relax_column_count: true,
      relax_quotes: true,
      bom: true,
    }) as string[][];
  } catch {
    return [];
  }
}

const firstRecord = (text: string, delimiter: string): string[] => firstRecords(text, delimiter, 1)[0] ?? [];

/** The head's first records below the header, for the sample values of a refused file's headers. */
function sampleRows(head: string, delimiter: string): string[][] {
  // The head may end inside a record: its last record is dropped.
  return firstRecords(head.slice(0, head.lastIndexOf('\n') + 1), delimiter, 51).slice(1);
}

function readCsvSql(path: string, delimiter: string, columns: number, robust: boolean): string {
  const cols = Array.from({ length: columns }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  // The fast path reads in parallel and fails on any ragged row; the robust path pads short rows and
  // catches long ones in overflow columns (DuckDB needs parallel=false for that with quoted newlines).
  const mode = robust ? 'strict_mode = false, null_padding = true, parallel = false' : 'strict_mode = true';
  return `read_csv(${literal(path)}, header = false, skip = 1, delim = ${literal(delimiter)}, quote = '"', escape = '"',
    auto_detect = false, all_varchar = true, max_line_size = 16777216, ${mode}, columns = {${cols}})`;
}

const createSql = (table: string, path: string, delimiter: string, columns: number, robust: boolean) =>
  `create or replace temp table ${ident(table)} as select * from ${readCsvSql(path, delimiter, columns, robust)}`;

/**
 * Reads the cells into a temp table and returns how many overflow columns it has. The fast read takes
 * the header's width; when a row does not fit, the robust read gives long rows overflow columns, widened
 * until the widest row's last cell fits, so an over-long row keeps every cell it has.
 */
async function loadCells(db: Db, table: string, path: string, delimiter: string, H: number): Promise<number> {
  try {
    await db.run(createSql(table, path, delimiter, H, false));
    return 0;
  } catch (e) {
    // A CR alone ends a line for DuckDB's robust read but not for its fast one: rows would be lost.
    if (await hasBareCarriageReturn(path)) {
      throw new ContentRefused(
        '文件中混用了不同的换行符（单独的回车符 CR 与换行符 LF），无法可靠地分行，请统一换行符后重新报送',
        (e as Error).message,
      );
    }
  }
  for (let overflow = OVERFLOW_COLUMNS; ; overflow = Math.min(overflow * 4, MAX_COLUMNS - H)) {
    await db.run(createSql(table, path, delimiter, H + overflow, true));
    const cut = await db.value<number>(`select count(*) from ${ident(table)} where c${H + overflow - 1} is not null`);
    if (!cut) return overflow;
    if (H + overflow >= MAX_COLUMNS) throw new ContentRefused(`有的行超过 ${MAX_COLUMNS} 列，无法读取`);
  }
}

export async function readCsv(
  path: string,
  contract: SourceContract,
  scratch: string,
  minMatches: number,
  onProgress: (msg: string) => void,
): Promise<ReadFile> {
  const encoding = await sniffEncoding(path);
  let utf8Path = path;
  const temps: string[] = [];
  if (needsTranscoding(encoding)) {
    utf8Path = join(scratch, `transcoded-${process.pid}-${Date.now()}.csv`);
    temps.push(utf8Path);
    let last = 0;
    await transcodeToUtf8(
      path,
      utf8Path,
      (done) => {
        if (done - last >= 64 << 20) {
          last = done;
          onProgress(`${encoding} → UTF-8: ${(done / 2 ** 20).toFixed(0)} MB`);
        }
      },
      encoding,
    );
  }
  const head = await readHead(utf8Path, 'utf-8', HEAD_BYTES);
  const refuse = async (problem: string): Promise<never> => {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw new ContentRefused(problem);
  };
  if (!/[\r\n]/.test(head) && Buffer.byteLength(head) >= HEAD_BYTES - 4) {
    await refuse('第一行超过 64 KB，不是一个表头（列数过多或文件不是 CSV）');
  }
  let best = { delimiter: ',', headers: [] as string[], matched: -1 };
  for (const delimiter of DELIMITERS) {
    const headers = firstRecord(head, delimiter);
    const { matched } = mapHeaders(contract, headers);
    if (matched > best.matched) best = { delimiter, headers, matched };
  }
  const required = Math.min(minMatches, contract.fields.length);
  if (best.matched < required) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    const { unknown } = mapHeaders(contract, best.headers);
    const shown = unknown.slice(0, 8).join('、') + (unknown.length > 8 ? ` 等 ${unknown.length} 个` : '');
    throw new HeaderNotFound(
      `第一行不是「${contract.title}」的表头：其中只有 ${Math.max(best.matched, 0)} 个可识别的列名，` +
        `至少需要 ${required} 个` +
        (unknown.length ? `（未能识别的列名：${shown}；如是其他系统导出的表头，请信用办在「表头映射」中登记）` : ''),
      best.headers,
      sampleRows(head, best.delimiter),
    );
  }
  const { delimiter, headers } = best;
  if (headers.length > MAX_COLUMNS) await refuse(`表头有 ${headers.length} 列，超过可读取的 ${MAX_COLUMNS} 列`);
  return {
    format: 'csv',
    encoding,
    skipped: [],
    parts: [
      {
        sheet: null,
        headerRow: 1,
        headers,
        async load(db: Db, table: string) {
          const H = headers.length;
          const overflowCount = await loadCells(db, table, utf8Path, delimiter, H);
          const rows = await db.value<number>(`select count(*) from ${ident(table)}`);
          // Insertion order is the file order (preserve_insertion_order); rowids of a table created inside
          // a transaction do not start at 0, hence the offset.
          const rowExpr = `rowid - (select min(rowid) from ${ident(table)}) + 1`;
          return {
            table,
            rowExpr,
            badExpr: 'cast(null as varchar)',
            headerCount: H,
            overflowCount,
            overflowIsError: true,
            rows,
          };
        },
      },
    ],
    async cleanup() {
      await Promise.all(temps.map((t) => rm(t, { force: true })));
    },
  };
}
