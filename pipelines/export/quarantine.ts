import { existsSync } from 'node:fs';
import type { Db } from '../../lib/db.js';
import { ident, literal } from '../../lib/db.js';
import { DEPARTMENT_HEADERS } from '../ingest/contracts/sensitive.js';
import { SOURCE_NAMES } from '../../lib/config/schema.js';
import { paths } from '../../lib/dataDir.js';
import { withDb } from '../../lib/db.js';
import { SentinelError } from '../../lib/errors.js';

export interface QuarantineRow {
  source: string;
  file: string;
  row_number: number;
  reason: string;
  /** The row's original cells as an object keyed by the delivered headers. */
  raw: Record<string, string | null>;
}

/**
 * The department-facing list of rejected rows (interfaces.md), read from the loads themselves so it
 * works right after an ingest, before any build. `raw` keys are the delivered headers; cells beyond
 * the header of an unreadable row are named 列N.
 */
export function quarantineSql(): string {
  const parts = SOURCE_NAMES.map(
    (s) => `select '${s}' as source, f.file_name as file, r._row_number as row_number, r._reason as reason,
      case
        -- A JSON item that is not an object has no columns: show what was delivered.
        when p.header_row is null and r._reason = 'unreadable_row' then json_object('原始内容', r.cells[1])
        else to_json(map_from_entries(
          list_transform(r.cells, (x, i) -> {'k': coalesce(p.headers[i], '列' || i), 'v': x})))
      end as raw
    from (select *, from_json(_cells, '["VARCHAR"]') as cells from landing.${ident(s)} where _reason is not null) r
    join ingest.files f on f.file_id = r._file_id
    join ingest.file_parts p on p.file_id = r._file_id and p.part = r._part
    where r._reason is not null`,
  );
  return `select source, file, row_number, reason, cast(raw as varchar) as raw from (${parts.join('\nunion all\n')})
    order by source, file, row_number, reason, raw`;
}

/**
 * A condition on quarantineSql()'s rows with one parameter, the department: quarantined rows carry only
 * what was delivered, so the department is in one of its department headers.
 */
export function quarantineDepartmentCondition(): string {
  const paths = DEPARTMENT_HEADERS.map((h) => literal(`$."${h.replaceAll('"', '\\"')}"`));
  return `list_contains(json_extract_string(raw, [${paths.join(', ')}]), ?)`;
}

export async function quarantineRows(db: Db): Promise<QuarantineRow[]> {
  const rows = await db.all<{ source: string; file: string; row_number: number; reason: string; raw: string }>(
    quarantineSql(),
  );
  return rows.map((r) => ({ ...r, raw: JSON.parse(r.raw) as Record<string, string | null> }));
}

export async function readQuarantine(dataDir: string): Promise<QuarantineRow[]> {
  const path = paths.warehouse(dataDir);
  if (!existsSync(path))
    throw new SentinelError('no_warehouse', `no warehouse in ${dataDir}: run sentinel ingest first`);
  return withDb(path, { readOnly: true }, quarantineRows);
}
