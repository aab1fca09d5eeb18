/**
 * A published build made by hand until the marts land: small mart tables with exactly the columns of
 * lib/datasets.ts, run records, and DIR/published.json written by the publisher's own writePointer.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDb, type Db } from '../../lib/db.js';
import { paths } from '../../lib/dataDir.js';
import { writePointer } from '../../lib/publish/pointer.js';
import { ensureRecordTables } from '../../pipelines/build/records.js';

export const A = '91350205MA2Y0KXQ1A';
export const B = '91350205MA3C12340B';
export const MARKET = '厦门市海沧区市场监督管理局';
export const TAX = '国家税务总局厦门市海沧区税务局';
export const LEGAL_REP_ID = '350205199001011234';

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'server-'));
}

const MARTS = `
create table repeat_violators (uscc varchar, name varchar, domain varchar, event_count bigint, first_event_date date, last_event_date date, event_ids varchar[]);
insert into repeat_violators values
  ('${A}', '厦门甲贸易有限公司', 'market', 3, '2025-02-01', '2025-09-01', ['penalties:${MARKET}|罚1', 'penalties:${MARKET}|罚2', 'penalties:${MARKET}|罚3']),
  ('${A}', '厦门甲贸易有限公司', 'tax', 4, '2025-01-05', '2025-11-20', ['penalties:${TAX}|税1', 'penalties:${TAX}|税2', 'penalties:${TAX}|税3', 'penalties:${TAX}|税4']),
  ('${B}', '厦门乙建设有限公司', 'market', 3, '2025-03-01', '2025-06-30', ['penalties:${MARKET}|罚7', 'penalties:${MARKET}|罚8', 'penalties:${MARKET}|罚9']);
create table cross_domain_violators (uscc varchar, name varchar, domain_count bigint, domains varchar[], event_count bigint, first_event_date date, last_event_date date);
insert into cross_domain_violators values ('${A}', '厦门甲贸易有限公司', 3, ['market', 'safety', 'tax'], 8, '2025-01-05', '2025-11-20');
create table persistent_violators (uscc varchar, name varchar, report_date date, events_after_report bigint);
insert into persistent_violators values ('${A}', '厦门甲贸易有限公司', '2025-06-30', 2);
create table legal_rep_links (person_id_masked varchar, legal_rep_name varchar, entity_count bigint, usccs varchar[]);
insert into legal_rep_links values ('350205********1234', '张三', 2, ['${A}', '${B}']);
create table key_project_risk (project_id varchar, project_name varchar, risk_level varchar, signal_count bigint, signals varchar[]);
insert into key_project_risk values ('XM2025001', '海沧大道改造工程', 'red', 2, ['serious_list', 'severe_penalty']), ('XM2025002', '新阳污水处理厂', 'green', 0, []);
create table publicity_quality (department varchar, month varchar, records bigint, timely bigint, timely_rate double, compliant bigint, compliance_rate double, "rank" bigint);
insert into publicity_quality values
  ('${MARKET}', '2025-10', 40, 38, 0.95, 40, 1.0, 1), ('${TAX}', '2025-10', 20, 15, 0.75, 19, 0.95, 2),
  ('${MARKET}', '2025-11', 30, 30, 1.0, 29, 0.9666666666666667, 2), ('${TAX}', '2025-11', 10, 10, 1.0, 10, 1.0, 1);
create table indicators (indicator_id varchar, value double, target double, comparator varchar, met boolean);
insert into indicators values ('publicity_compliance', 0.976, 0.98, '>=', false), ('publicity_timeliness', 0.953, 0.95, '>=', true);
create table sector_heatmap (sector varchar, region_code varchar, month varchar, events bigint, enterprises bigint, rate_per_100 double);
insert into sector_heatmap values ('C', '350205001', '2025-11', 3, 120, 2.5), ('F', '350205001', '2025-11', 1, 40, 2.5), ('F', '350205002', '2025-10', 0, 30, 0.0);
create table warnings (warning_id varchar, kind varchar, subject_id varchar, subject_name varchar, level varchar, status varchar, first_seen date, evidence varchar[]);
insert into warnings values
  ('w1', 'repeat_violator', '${A}', '厦门甲贸易有限公司', 'orange', 'new', '2025-12-31', ['penalties:${MARKET}|罚1']),
  ('w2', 'department_timeliness', '${TAX}', '${TAX}', 'yellow', 'ongoing', '2025-11-30', []),
  ('w3', 'department_compliance', '${MARKET}', '${MARKET}', 'yellow', 'new', '2025-12-31', []);
create table entity_register (uscc varchar, name varchar, legal_rep varchar, legal_rep_id_number varchar, region_code varchar);
insert into entity_register values ('${A}', '厦门甲贸易有限公司', '张三', '${LEGAL_REP_ID}', '350205001');
`;

export interface FixtureBuild {
  buildId: string;
  asOf: string;
  /** Extra SQL run in the build file (e.g. to change a mart between two builds). */
  extraSql?: string;
  runMessage?: string | null;
}

/** Writes DIR/builds/<id>.duckdb and publishes it. */
export async function publishFixtureBuild(dataDir: string, b: FixtureBuild): Promise<void> {
  const file = `${b.buildId}.duckdb`;
  await withDb(join(paths.builds(dataDir), file), {}, async (db: Db) => {
    await db.exec(MARTS);
    if (b.extraSql) await db.exec(b.extraSql);
    await ensureRecordTables(db);
    await db.run(
      `insert into runs.builds values (?, ?::date, '2025-12-31 02:30:00+08'::timestamptz, '2025-12-31 02:31:05+08'::timestamptz, 'published', null, false, ?)`,
      [b.buildId, b.asOf, b.runMessage ?? null],
    );
    await db.run(`insert into runs.models values (?, 'repeat_violators', 'table', 'built', 'success', 3, 0.42, null)`, [
      b.buildId,
    ]);
    await db.run(
      `insert into runs.tests values (?, 'unique(repeat_violators.uscc, domain)', 'unique', ['repeat_violators'], 'error', 'pass', 0, '[]'::json, 0.01, null)`,
      [b.buildId],
    );
    await db.run(
      `insert into runs.tests values (?, 'not_null(warnings.level)', 'not_null', ['warnings'], 'warn', 'warn', 2, '[]'::json, 0.01, null)`,
      [b.buildId],
    );
  });
  writePointer(dataDir, {
    build_id: b.buildId,
    as_of: b.asOf,
    file: join('builds', file),
    published_at: '2025-12-31T02:31:05.000Z',
  });
}
