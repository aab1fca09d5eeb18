/**
 * Sources the product writes itself, outside the warehouse: screening reports it issued and the
 * departments' follow-up actions (pipelines/report). They live in JSON Lines files under DIR/reports/
 * because the warehouse has one writer (ingest/build) and a report must be recordable while a build or
 * `sentinel start` holds it. Every build copies them into schema `product` of the build file, empty when
 * no file exists yet, so models read them with `source('product', …)` like any other source.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../dataDir.js';
import { literal } from '../db.js';
import { nameJudgementStatements } from '../nameReview/product.js';
import { exitMarkStatements } from '../exits/productSource.js';

export const PRODUCT_SCHEMA = 'product';

export const productFiles = {
  dir: paths.reports,
  /** One line per issued report (IssuedReport). */
  issued: paths.issuedReports,
  /** One line per recorded follow-up action (FollowUpAction). */
  actions: paths.followUpActions,
  /** 佐证材料 of the actions, one file per upload named by its id (attachments.ts). */
  attachments: (dataDir: string) => join(paths.reports(dataDir), 'attachments'),
};

export interface IssuedEntry {
  uscc: string;
  name: string | null;
  /** 同一领域频繁违法 / 多领域多次违法 / 屡禁不止, as in the screening_reports source. */
  report_type: string;
  /** The flagged domain for 同一领域频繁违法, else null. */
  domain: string | null;
}

export interface IssuedAssignment {
  uscc: string;
  name: string | null;
  department: string;
  /** lead: routed by its own events; coordinator: the credit office for a cross-domain violator. */
  role: 'lead' | 'coordinator';
  measure: string;
  due_date: string;
}

export interface IssuedReport {
  report_no: string;
  period: string;
  /** The as-of of the build the report was made from: the date the screening history knows it by. */
  as_of: string;
  build_id: string;
  issued_at: string;
  departments: string[];
  entries: IssuedEntry[];
  assignments: IssuedAssignment[];
}

export interface FollowUpAction {
  report_no: string;
  uscc: string;
  department: string;
  measure: string;
  action_date: string;
  note: string | null;
  recorded_by: string | null;
  recorded_at: string;
  /** 佐证材料, when one was attached (the build does not copy it: the warnings need none of it). */
  attachment?: { id: string; name: string; type: string; bytes: number; sha256: string } | null;
}

const REPORT_COLUMNS = `{report_no: 'VARCHAR', period: 'VARCHAR', as_of: 'DATE', build_id: 'VARCHAR',
  issued_at: 'VARCHAR',
  entries: 'STRUCT(uscc VARCHAR, name VARCHAR, report_type VARCHAR, domain VARCHAR)[]',
  assignments:
    'STRUCT(uscc VARCHAR, name VARCHAR, department VARCHAR, role VARCHAR, measure VARCHAR, due_date DATE)[]'}`;

const ACTION_COLUMNS = `{report_no: 'VARCHAR', uscc: 'VARCHAR', department: 'VARCHAR', measure: 'VARCHAR',
  action_date: 'DATE', note: 'VARCHAR', recorded_by: 'VARCHAR', recorded_at: 'VARCHAR'}`;

const readJsonl = (file: string, columns: string, ignoreErrors = false): string =>
  `read_json(${literal(file)}, format = 'newline_delimited', columns = ${columns}${
    ignoreErrors ? ', ignore_errors = true' : ''
  })`;

/** Statements that create product.screening_reports, product.follow_up_assignments and product.follow_up_actions. */
export function productSourceStatements(dataDir: string): string[] {
  const issued = productFiles.issued(dataDir);
  const actions = productFiles.actions(dataDir);
  const reports = existsSync(issued)
    ? `select * from ${readJsonl(issued, REPORT_COLUMNS)}`
    : `select * from (select null::varchar as report_no, null::varchar as period, null::date as as_of,
         null::varchar as build_id, null::varchar as issued_at,
         []::struct(uscc varchar, name varchar, report_type varchar, domain varchar)[] as entries,
         []::struct(uscc varchar, name varchar, department varchar, role varchar, measure varchar, due_date date)[]
           as assignments) where false`;
  const actionRows = existsSync(actions)
    ? // Actions are appended line by line; a line torn by a crash is skipped, as lib/followUp/store.ts does.
      `select * from ${readJsonl(actions, ACTION_COLUMNS, true)} where report_no is not null`
    : `select * from (select null::varchar as report_no, null::varchar as uscc, null::varchar as department,
         null::varchar as measure, null::date as action_date, null::varchar as note, null::varchar as recorded_by,
         null::varchar as recorded_at) where false`;
  return [
    `create schema if not exists ${PRODUCT_SCHEMA}`,
    `create temp table product_reports as ${reports}`,
    `create or replace table ${PRODUCT_SCHEMA}.screening_reports as
       select r.report_no, r.as_of as report_date, e.uscc, e.name as subject_name, e.report_type, e.domain
       from product_reports r, unnest(r.entries) as u(e)`,
    `create or replace table ${PRODUCT_SCHEMA}.follow_up_assignments as
       select r.report_no, r.as_of as report_date, a.uscc, a.name, a.department, a.role, a.measure, a.due_date
       from product_reports r, unnest(r.assignments) as u(a)`,
    `create or replace table ${PRODUCT_SCHEMA}.follow_up_actions as ${actionRows}`,
    `drop table product_reports`,
    // and product.name_judgements, the reviewed names (名称匹配复核).
    ...nameJudgementStatements(dataDir, PRODUCT_SCHEMA),
    ...exitMarkStatements(dataDir),
  ];
}
