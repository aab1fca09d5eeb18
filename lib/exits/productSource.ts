/**
 * The exits worklist's marks as a product source of every build (product.exit_marks), so the exits mart and
 * the repairs-in-time indicator judge "done" from the same file the 移出与修复 page writes. Empty when no
 * mark was recorded yet; a line torn by a crash is skipped, as the store skips it.
 */
import { existsSync } from 'node:fs';
import { paths } from '../dataDir.js';
import { literal } from '../db.js';

const MARK_COLUMNS = `{item_id: 'VARCHAR', department: 'VARCHAR', done_date: 'DATE', note: 'VARCHAR',
  recorded_by: 'VARCHAR', recorded_at: 'VARCHAR'}`;

export function exitMarkStatements(dataDir: string): string[] {
  const file = paths.exitMarks(dataDir);
  const rows = existsSync(file)
    ? `select * from read_json(${literal(file)}, format = 'newline_delimited', columns = ${MARK_COLUMNS},
         ignore_errors = true) where item_id is not null`
    : `select * from (select null::varchar as item_id, null::varchar as department, null::date as done_date,
         null::varchar as note, null::varchar as recorded_by, null::varchar as recorded_at) where false`;
  return [`create or replace table product.exit_marks as ${rows}`];
}
