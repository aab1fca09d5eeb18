/**
 * 违法主体: repeat, cross-domain and persistent violators with the page's filters (domain, department,
 * township, sector, period), sorting and pagination, all as bound parameters. The same query without a
 * page answers the export of the current filter. The list query is SQL through lib/db, not Kysely: its table
 * and columns are chosen at run time from KINDS (quoted with ident(), values bound), which Kysely's types
 * cannot follow; the fixed queries below are Kysely's.
 */
import { sql } from 'kysely';
import { ident, type Db, type Param } from '../../lib/db.js';
import { queryDb } from '../../lib/kysely/queryDb.js';

export const VIOLATOR_KINDS = ['repeat', 'cross', 'persistent'] as const;
export type ViolatorKind = (typeof VIOLATOR_KINDS)[number];

interface KindSpec {
  table: string;
  /** Columns of the dataset (lib/datasets.ts), then the register's sector and township. */
  columns: readonly string[];
  dateColumn: string;
  domainMatch: string;
  defaultSort: string;
}

const COUNTED_IN_DOMAIN = `exists (select 1 from entity_penalties as p where p.uscc = v.uscc and p.is_counted and p.domain = ?)`;

export const KINDS: Readonly<Record<ViolatorKind, KindSpec>> = {
  repeat: {
    table: 'repeat_violators',
    columns: ['uscc', 'name', 'domain', 'event_count', 'first_event_date', 'last_event_date'],
    dateColumn: 'last_event_date',
    domainMatch: 'v.domain = ?',
    defaultSort: 'event_count',
  },
  cross: {
    table: 'cross_domain_violators',
    columns: ['uscc', 'name', 'domain_count', 'domains', 'event_count', 'first_event_date', 'last_event_date'],
    dateColumn: 'last_event_date',
    domainMatch: 'list_contains(v.domains, ?)',
    defaultSort: 'domain_count',
  },
  persistent: {
    table: 'persistent_violators',
    columns: ['uscc', 'name', 'report_date', 'events_after_report'],
    dateColumn: 'report_date',
    domainMatch: COUNTED_IN_DOMAIN,
    defaultSort: 'events_after_report',
  },
};

export interface ViolatorFilter {
  kind: ViolatorKind;
  domain: string | null;
  department: string | null;
  township: string | null;
  sector: string | null;
  from: string | null;
  to: string | null;
  sort: string;
  desc: boolean;
}

export const EXTRA_COLUMNS = ['sector', 'region_code'] as const;

function where(f: ViolatorFilter): { sql: string; params: Param[] } {
  const k = KINDS[f.kind];
  const parts: string[] = [];
  const params: Param[] = [];
  const add = (sql: string, ...values: Param[]) => {
    parts.push(sql);
    params.push(...values);
  };
  if (f.domain) add(k.domainMatch, f.domain);
  if (f.department)
    add(
      `exists (select 1 from entity_penalties as p where p.uscc = v.uscc and p.is_counted and p.department = ?)`,
      f.department,
    );
  if (f.township) add('r.region_code = ?', f.township);
  if (f.sector) add('r.sector = ?', f.sector);
  if (f.from) add(`v.${ident(k.dateColumn)} >= ?::date`, f.from);
  if (f.to) add(`v.${ident(k.dateColumn)} <= ?::date`, f.to);
  return { sql: parts.length ? `where ${parts.join(' and ')}` : '', params };
}

export function sortable(kind: ViolatorKind): readonly string[] {
  return [...KINDS[kind].columns.filter((c) => c !== 'domains'), ...EXTRA_COLUMNS];
}

export async function violators(
  db: Db,
  f: ViolatorFilter,
  page: { limit: number; offset: number } | null,
): Promise<{ total: number; rows: Array<Record<string, unknown>> }> {
  const k = KINDS[f.kind];
  const w = where(f);
  const from = `from ${ident(k.table)} as v left join entity_register as r on r.uscc = v.uscc ${w.sql}`;
  const cols = [...k.columns.map((c) => `v.${ident(c)}`), 'r.sector', 'r.region_code'].join(', ');
  // The chosen column first, then every column, so pages are stable and equal the export's order.
  const tie = [...k.columns, 'sector', 'region_code'].map((c) => `${ident(c)} asc nulls last`).join(', ');
  const order = `${ident(f.sort)} ${f.desc ? 'desc' : 'asc'} nulls last, ${tie}`;
  const total = await db.value<number>(`select count(*)::integer ${from}`, w.params);
  const limit = page ? ` limit ${page.limit} offset ${page.offset}` : '';
  const rows = await db.all<Record<string, unknown>>(
    `select * from (select ${cols} ${from}) order by ${order}${limit}`,
    w.params,
  );
  return { total, rows };
}

export interface FilterChoices {
  domains: Array<{ domain: string; label: string }>;
  departments: string[];
  townships: string[];
  sectors: string[];
}

export async function filterChoices(db: Db): Promise<FilterChoices> {
  const q = queryDb(db);
  const distinct = async (
    table: 'entity_penalties' | 'entity_register',
    column: 'department' | 'region_code' | 'sector',
  ) =>
    (
      await q
        .selectFrom(table)
        .select(sql.ref<string>(column).as('v'))
        .distinct()
        .where(sql.ref(column), 'is not', null)
        .orderBy('v')
        .execute()
    ).map((r) => r.v);
  return {
    domains: await q.selectFrom('ref.domains').select(['domain', 'label']).orderBy('label').execute(),
    departments: await distinct('entity_penalties', 'department'),
    townships: await distinct('entity_register', 'region_code'),
    sectors: await distinct('entity_register', 'sector'),
  };
}

export async function domainLabels(db: Db): Promise<Map<string, string>> {
  const rows = await queryDb(db).selectFrom('ref.domains').select(['domain', 'label']).execute();
  return new Map(rows.map((r) => [r.domain, r.label]));
}

/**
 * How many rows each kind of violator list holds, for the kind tabs: entities for cross-domain and
 * persistent, entity × domain rows for repeat (its entities: repeatEntities).
 */
export async function violatorCounts(db: Db): Promise<Record<ViolatorKind, number> & { repeatEntities: number }> {
  const count = async (table: 'repeat_violators' | 'cross_domain_violators' | 'persistent_violators') =>
    (
      await queryDb(db)
        .selectFrom(table)
        .select(sql<number>`count(*)::integer`.as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  return {
    repeat: await count('repeat_violators'),
    cross: await count('cross_domain_violators'),
    persistent: await count('persistent_violators'),
    repeatEntities: await db.value<number>(`select count(distinct uscc)::integer from repeat_violators`),
  };
}
