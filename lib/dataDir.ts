/**
 * The layout of the data directory DIR (interfaces.md: one folder holds all state). This module is the one
 * place that names its files and folders; every other module asks it for a path.
 *
 * ```
 * DIR/inbox/<source>/…                   what departments deliver (sources.md); the one part the contract fixes
 * DIR/archive/<source>/<hash>-<name>     inbox files once loaded (or re-delivered identically)
 * DIR/tmp/                               scratch for decoded or converted extracts, emptied after each file
 * DIR/warehouse.duckdb                   the read-write warehouse: raw loads, load log, run records
 * DIR/builds/<build_id>.duckdb           one file per build; readers open only the published one
 * DIR/published.json                     the pointer to the published build (its `file` is relative to DIR)
 * DIR/reports/issued.jsonl               screening reports issued (a product source of every build)
 * DIR/reports/follow-up-actions.jsonl    departments' follow-up actions (a product source too)
 * DIR/reports/<period>/                  the documents of a period's report and brief
 * DIR/checks/records-<YYYY-MM>.jsonl    credit checks (核查记录), one line a check, one file a month
 * DIR/checks/results/<check_id>.json    each check's results per subject
 * DIR/checks/feedback.jsonl             departments' feedback on checked subjects (反馈)
 * DIR/checks/files/<check_id>.xlsx       the answer of each check as the workbook the clerk downloads
 * DIR/reports/credit-reports.jsonl       credit reports (信用报告) issued, with their verification codes
 * DIR/reports/credit/                    their PDF and DOCX
 * DIR/runs/schedule.jsonl                the job runs of `sentinel start`
 * DIR/run/start.json, control.token      how other processes find and ask a running `sentinel start`
 * DIR/auth/users.json                    users and API tokens
 * DIR/audit/audit-<YYYY-MM>.jsonl        who read what, one file a month
 * DIR/docs/catalog.json                  `sentinel docs`' default output
 * DIR/answer-key/<dataset>.json          the generator's answer key, beside the inbox it wrote
 * DIR/ingest/headers-seen.json           unknown headers the ingest saw, for the 表头映射 page
 * DIR/subscriptions/subscriptions.json   each user's warning subscription (我的订阅) and digest address
 * DIR/subscriptions/users/<key>.json      each user's in-app inbox (收件箱): delivered warnings, read or not
 * DIR/subscriptions/deliveries.json       the builds whose new warnings were delivered to the inboxes
 * DIR/subscriptions/digests.jsonl         digest e-mails sent: who, when, message id, count, build
 * DIR/name-review/judgements.json        名称匹配复核: reviewed name → USCC judgements (a product source too)
 * DIR/reports/credit-report-revocations.jsonl  revoked credit reports
 * DIR/exits/marks.jsonl                   移出与修复: the departments' marks of items taken down (a product source)
 * ```
 */
import { join, relative } from 'node:path';

const reports = (dataDir: string) => join(dataDir, 'reports');
const runFolder = (dataDir: string) => join(dataDir, 'run');
const audit = (dataDir: string) => join(dataDir, 'audit');
const builds = (dataDir: string) => join(dataDir, 'builds');
const answerKey = (dataDir: string) => join(dataDir, 'answer-key');
const checks = (dataDir: string) => join(dataDir, 'checks');
const subscriptions = (dataDir: string) => join(dataDir, 'subscriptions');

export const paths = {
  inbox: (dataDir: string) => join(dataDir, 'inbox'),
  sourceInbox: (dataDir: string, source: string) => join(dataDir, 'inbox', source),
  /** Loaded (and identically re-delivered) files are moved here, so the inbox shows what is pending. */
  archive: (dataDir: string, source: string) => join(dataDir, 'archive', source),
  /** The read-write warehouse: raw loads, load log, runs. */
  warehouse: (dataDir: string) => join(dataDir, 'warehouse.duckdb'),
  /** Scratch space for decoded or converted extracts; emptied after each file. */
  scratch: (dataDir: string) => join(dataDir, 'tmp'),
  builds,
  build: (dataDir: string, buildId: string) => join(builds(dataDir), `${buildId}.duckdb`),
  /** DIR/published.json: names the build readers serve. */
  pointer: (dataDir: string) => join(dataDir, 'published.json'),
  /** The pointer records its build file relative to DIR, so the folder can move. */
  pointedFile: (dataDir: string, file: string) => join(dataDir, file),
  relativeToDataDir: (dataDir: string, file: string) => relative(dataDir, file),
  reports,
  /** One line per issued report (IssuedReport). */
  issuedReports: (dataDir: string) => join(reports(dataDir), 'issued.jsonl'),
  /** One line per recorded follow-up action (FollowUpAction). */
  followUpActions: (dataDir: string) => join(reports(dataDir), 'follow-up-actions.jsonl'),
  /** Where a period's documents are written unless told otherwise. */
  periodReports: (dataDir: string, period: string) => join(reports(dataDir), period),
  /** One line per issued credit report (CreditReportRecord). */
  creditReports: (dataDir: string) => join(reports(dataDir), 'credit-reports.jsonl'),
  /** The documents of issued credit reports. */
  creditReportFiles: (dataDir: string) => join(reports(dataDir), 'credit'),
  scheduleLog: (dataDir: string) => join(dataDir, 'runs', 'schedule.jsonl'),
  runFolder,
  startState: (dataDir: string) => join(runFolder(dataDir), 'start.json'),
  controlToken: (dataDir: string) => join(runFolder(dataDir), 'control.token'),
  users: (dataDir: string) => join(dataDir, 'auth', 'users.json'),
  audit,
  auditMonth: (dataDir: string, month: string) => join(audit(dataDir), `audit-${month}.jsonl`),
  auditFile: (dataDir: string, name: string) => join(audit(dataDir), name),
  catalog: (dataDir: string) => join(dataDir, 'docs', 'catalog.json'),
  answerKey,
  answerKeyFile: (dataDir: string, name: string) => join(answerKey(dataDir), name),
  /** The unknown headers the ingest saw, with samples and proposals (lib/headerMappings/seen.ts). */
  headersSeen: (dataDir: string) => join(dataDir, 'ingest', 'headers-seen.json'),
  /** The credit checks' own store (lib/checks/store.ts). */
  checks,
  checkRecords: (dataDir: string, month: string) => join(checks(dataDir), `records-${month}.jsonl`),
  checkFeedback: (dataDir: string) => join(checks(dataDir), 'feedback.jsonl'),
  checkResults: (dataDir: string, checkId: string) => join(checks(dataDir), 'results', `${checkId}.json`),
  checkFile: (dataDir: string, checkId: string) => join(checks(dataDir), 'files', `${checkId}.xlsx`),
  /** Warnings that reach people (lib/subscriptions/). */
  subscriptions: (dataDir: string) => join(subscriptions(dataDir), 'subscriptions.json'),
  userInbox: (dataDir: string, key: string) => join(subscriptions(dataDir), 'users', `${key}.json`),
  inboxDeliveries: (dataDir: string) => join(subscriptions(dataDir), 'deliveries.json'),
  digestRecords: (dataDir: string) => join(subscriptions(dataDir), 'digests.jsonl'),
  /** 名称匹配复核's judgements (lib/nameReview/store.ts). */
  nameJudgements: (dataDir: string) => join(dataDir, 'name-review', 'judgements.json'),
  /** One line per revoked credit report (lib/creditReport/revocations.ts). */
  creditReportRevocations: (dataDir: string) => join(reports(dataDir), 'credit-report-revocations.jsonl'),
  /** The exits worklist's marks (lib/exits/store.ts), one line per mark. */
  exitMarks: (dataDir: string) => join(dataDir, 'exits', 'marks.jsonl'),
};
