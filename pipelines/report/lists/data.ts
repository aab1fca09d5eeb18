/**
 * What the 红黑榜 of one month says, read from the published build's list_history (docs/rules.md "Red and
 * black lists"): the month must be one of the build's history months, so a document never shows a month
 * the build did not judge.
 */
import type { Db } from '../../../lib/db.js';
import { InputError } from '../../../lib/errors.js';
import type { ListChange, ListName } from '../../../lib/lists/labels.js';

export interface ListRow {
  list: ListName;
  uscc: string;
  name: string | null;
  change: ListChange;
  reasons: string[];
}

export interface ListsData {
  period: string;
  asOf: string;
  buildId: string;
  judgedOn: string;
  rows: ListRow[];
}

export async function readListsData(db: Db, period: string, asOf: string, buildId: string): Promise<ListsData> {
  const months = await db.all<{ month: string; judged_on: string }>(
    `select month, cast(judged_on as varchar) as judged_on from int_list_months where is_history order by month`,
  );
  const month = months.find((m) => m.month === period);
  if (!month) {
    const range = months.length ? `${months[0]!.month} to ${months.at(-1)!.month}` : 'none';
    throw new InputError(`the published build (as of ${asOf}) judged the lists for ${range}; not for ${period}`);
  }
  const rows = await db.all<ListRow>(
    `select list, uscc, name, change, reasons from list_history where month = ? order by list desc, change, uscc`,
    [period] as never,
  );
  return {
    period,
    asOf,
    buildId,
    judgedOn: month.judged_on,
    rows: rows.map((r) => ({ ...r, reasons: [...r.reasons] })),
  };
}
