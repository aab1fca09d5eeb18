import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Db } from '../../../lib/db.js';
import { ident, literal } from '../../../lib/db.js';
import { InputError } from '../../../lib/errors.js';
import type { SourceContract } from '../contracts/types.js';
import { mapHeaders } from '../headers.js';
import { readHead, sniffEncoding, transcodeToUtf8 } from './encoding.js';
import type { ReadFile } from './types.js';

const DELIMITERS = [',', '\t', ';', '|'];
/** Room for rows longer than their header: such a row is unreadable (its cells shifted), but kept. */
const OVERFLOW_COLUMNS = 32;

function firstRecord(text: string, delimiter: string): string[] {
  try {
    const rows = parse(text, {
      delimiter,
      to: 1,
      relax_column_count: true,
      relax_quotes: true,
      bom: true,
    }) as string[][];
    return rows[0] ?? [];
  } catch {
    return [];
  }
}

function readCsvSql(path: string, delimiter: string, columns: number, robust: boolean): string {
  const cols = Array.from({ length: columns }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  // The fast path reads in parallel and fails on any ragged row; the robust path pads short rows and
  // catches long ones in overflow columns (DuckDB needs parallel=false for that with quoted newlines).
  const mode = robust ? 'strict_mode = false, null_padding = true, parallel = false' : 'strict_mode = true';
  return `read_csv(${literal(path)}, header = false, skip = 1, delim = ${literal(delimiter)}, quote = '"', escape = '"',
    auto_detect = false, all_varchar = true, max_line_size = 16777216, ${mode}, columns = {${cols}})`;
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
  if (encoding === 'gb18030') {
    utf8Path = join(scratch, `transcoded-${process.pid}-${Date.now()}.csv`);
    temps.push(utf8Path);
    let last = 0;
    await transcodeToUtf8(path, utf8Path, (done) => {
      if (done - last >= 64 << 20) {
        last = done;
        onProgress(`GB18030 → UTF-8: ${(done / 2 ** 20).toFixed(0)} MB`);
      }
    });
  }
  const head = await readHead(utf8Path, 'utf-8');
  let best = { delimiter: ',', headers: [] as string[], matched: -1 };
  for (const delimiter of DELIMITERS) {
    const headers = firstRecord(head, delimiter);
    const { matched } = mapHeaders(contract, headers);
    if (matched > best.matched) best = { delimiter, headers, matched };
  }
  const required = Math.min(minMatches, contract.fields.length);
  if (best.matched < required) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw new InputError(
      `the first line is not a header of ${contract.source}: ` +
        `it names ${Math.max(best.matched, 0)} known column(s), at least ${required} needed`,
    );
  }
  const { delimiter, headers } = best;
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
          let overflowCount = 0;
          try {
            await db.run(
              `create or replace temp table ${ident(table)} as ` +
                `select * from ${readCsvSql(utf8Path, delimiter, H, false)}`,
            );
          } catch {
            overflowCount = OVERFLOW_COLUMNS;
            await db.run(
              `create or replace temp table ${ident(table)} as ` +
                `select * from ${readCsvSql(utf8Path, delimiter, H + overflowCount, true)}`,
            );
          }
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
