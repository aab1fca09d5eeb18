/**
 * An entity's credit profile from the published build. The flag, link and warning sections come from
 * the datasets of interfaces.md; the register, penalties, list entries, commitments and projects come
 * from marts named `entity_<section>` with a `uscc` column, read when the build has them (the
 * contract for the marts, in docs/server.md).
 */
import { ident, type Db } from '../../lib/db.js';

interface Section {
  key: string;
  table: string;
  /** SQL condition on the entity's USCC, bound once. */
  match: string;
  /** The register has one row per entity; every other section is a list. */
  single?: boolean;
}

const SECTIONS: readonly Section[] = [
  { key: 'register', table: 'entity_register', match: 't.uscc = ?', single: true },
  { key: 'repeat_violations', table: 'repeat_violators', match: 't.uscc = ?' },
  { key: 'cross_domain_violations', table: 'cross_domain_violators', match: 't.uscc = ?' },
  { key: 'persistent_violations', table: 'persistent_violators', match: 't.uscc = ?' },
  { key: 'legal_rep_links', table: 'legal_rep_links', match: 'list_contains(t.usccs, ?)' },
  { key: 'warnings', table: 'warnings', match: 't.subject_id = ?' },
  { key: 'penalties', table: 'entity_penalties', match: 't.uscc = ?' },
  { key: 'list_entries', table: 'entity_list_entries', match: 't.uscc = ?' },
  { key: 'commitments', table: 'entity_commitments', match: 't.uscc = ?' },
  { key: 'projects', table: 'entity_projects', match: 't.uscc = ?' },
  // docs/rules.md "Credit grades": an active entity's grade, score and factors.
  { key: 'credit_grade', table: 'credit_grades', match: 't.uscc = ?', single: true },
];

export type Profile = Record<string, unknown>;

/** Marts present in the build; cached by the caller per build. */
export async function mainTables(db: Db): Promise<Set<string>> {
  const rows = await db.all<{ t: string }>(
    `select table_name as t from duckdb_tables() where database_name = current_database() and schema_name = 'main'
     union all
     select view_name from duckdb_views()
     where database_name = current_database() and schema_name = 'main' and not internal`,
  );
  return new Set(rows.map((r) => r.t));
}

/** The profile sections, or null when the USCC appears in none of them. */
export async function entityProfile(
  db: Db,
  tables: ReadonlySet<string>,
  uscc: string,
): Promise<{ sections: Profile; found: boolean }> {
  const sections: Profile = {};
  let found = false;
  for (const s of SECTIONS) {
    if (!tables.has(s.table)) continue;
    // Rows in a stable order, the export's: every column left to right.
    const cols = await db.all<{ name: string }>(`select column_name as name from (describe ${ident(s.table)})`);
    const order = cols.map((c) => `t.${ident(c.name)} asc nulls last`).join(', ');
    // The marts point at their source file by id (a file name in every row would make every delivery
    // rebuild them); the name is looked up for the rows shown, right after the id.
    const withFile = cols.some((c) => c.name === 'file_id');
    const select = cols
      .map((c) => (c.name === 'file_id' ? `t.file_id, f.file_name as file` : `t.${ident(c.name)}`))
      .join(', ');
    const fileJoin = withFile ? 'left join ingest.files as f on f.file_id = t.file_id' : '';
    const rows = await db.all<Record<string, unknown>>(
      `select ${select} from ${ident(s.table)} as t ${fileJoin}
       where ${s.match} order by ${order}`,
      [uscc],
    );
    if (rows.length) found = true;
    sections[s.key] = s.single ? (rows[0] ?? null) : rows;
  }
  return { sections, found };
}
