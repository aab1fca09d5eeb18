/** 红黑榜: the as-of month's red and black lists and the month-by-month changes of both (list_history). */
import type { Db } from '../../lib/db.js';
import type { ListChange, ListName } from '../../lib/lists/labels.js';

export interface RedEntry {
  uscc: string;
  name: string | null;
  score: number;
  tax_year: number;
}

export interface BlackEntry {
  uscc: string;
  name: string | null;
  reasons: string[];
  serious_entries: string[];
}

export interface ListChangeRow {
  list: ListName;
  month: string;
  uscc: string;
  name: string | null;
  change: ListChange;
  reasons: string[];
}

const plain = <T extends { reasons: unknown }>(r: T) => ({ ...r, reasons: [...(r.reasons as string[])] });

export async function redEntries(db: Db): Promise<RedEntry[]> {
  return db.all<RedEntry>(`select uscc, name, score, tax_year from red_list order by score desc, uscc`);
}

export async function blackEntries(db: Db): Promise<BlackEntry[]> {
  const rows = await db.all<BlackEntry>(`select uscc, name, reasons, serious_entries from black_list order by uscc`);
  return rows.map((r) => ({ ...plain(r), serious_entries: [...(r.serious_entries as unknown as string[])] }));
}

/** Who entered and who left, newest month first: staying on is not news. */
export async function listChanges(db: Db): Promise<ListChangeRow[]> {
  const rows = await db.all<ListChangeRow>(
    `select list, month, uscc, name, change, reasons from list_history
     where change <> 'stayed' order by month desc, list desc, change, uscc`,
  );
  return rows.map(plain);
}
