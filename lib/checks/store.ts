/**
 * 核查记录: every credit check (逢办必查) is kept — who, which department, when, for what purpose, the
 * subjects and their verdicts — with the departments' feedback on subjects granted despite a
 * `restricted` verdict (反馈). Like the follow-up actions (lib/followUp/), these are the product's own
 * files, outside the warehouse (one writer) and the builds (immutable): a check is recorded while a
 * build runs. One JSON line per check in a file per Asia/Shanghai month, appended in one write, so
 * concurrent checks never overwrite each other; files 0600 in a 0700 folder, like the audit log.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { paths } from '../dataDir.js';
import { appendedJsonLines } from '../files/appendedLines.js';
import { todayInShanghai } from '../dates.js';
import { InputError } from '../errors.js';

export type Verdict = 'restricted' | 'caution' | 'clear';
export type MatchKind = 'uscc' | 'name' | 'ambiguous' | 'not_found' | 'invalid';

/** One subject of a recorded check: enough to show it again and to count coverage. */
export interface RecordedResult {
  query: string;
  match: MatchKind;
  uscc: string | null;
  name: string | null;
  /** null when the subject did not resolve to one USCC. */
  verdict: Verdict | null;
  lists: string[];
  flags: string[];
  measures: string[];
  public_penalties: number;
  /** `review` when a name was resolved by a confirmed 名称匹配复核 judgement; absent otherwise. */
  resolved_by?: 'review';
}

export interface VerdictCounts {
  restricted: number;
  caution: number;
  clear: number;
  /** ambiguous, not_found and invalid subjects. */
  unresolved: number;
}

/** What the month's file holds of a check: who, when, why and the counts (coverage reads only these). */
export interface CheckSummary {
  check_id: string;
  /** ISO timestamp (UTC). */
  checked_at: string;
  user: string;
  role: string;
  department: string | null;
  purpose: string | null;
  via: 'api' | 'page';
  as_of: string;
  build_id: string;
  subjects: number;
  verdicts: VerdictCounts;
  /** For an upload: the file and the column whose cells were checked. */
  upload: { file: string; column: string } | null;
}

/**
 * A check with its subjects' results: on the month file's line itself for a check of at most INLINE_RESULTS
 * subjects, else in a file of its own, DIR/checks/results/<check_id>.json.
 */
export interface CheckRecord extends CheckSummary {
  results: RecordedResult[];
}

/**
 * A check of up to this many subjects keeps its results on its summary line (a few KB at most): most checks
 * are of one applicant, and a file per check cost three file operations each under 32 concurrent checks.
 */
export const INLINE_RESULTS = 20;

/** The month file's line of a check: the summary, with the results when they are few. */
function summaryLine(record: CheckRecord): string {
  const { results, ...summary } = record;
  return JSON.stringify(results.length <= INLINE_RESULTS ? record : summary);
}

export interface CheckFeedback {
  check_id: string;
  uscc: string;
  reason: string;
  department: string | null;
  recorded_by: string;
  recorded_at: string;
}

const FEEDBACK_REASON_MAX = 500;

/** `ck-YYYYMMDD-<12 hex>`: the Shanghai date tells which month's file holds the check. */
export function newCheckId(now: Date): string {
  return `ck-${todayInShanghai(now).replaceAll('-', '')}-${randomBytes(6).toString('hex')}`;
}

const CHECK_ID = /^ck-(\d{4})(\d{2})\d{2}-[0-9a-f]{12}$/;

export const isCheckId = (s: string): boolean => CHECK_ID.test(s);

export function countVerdicts(results: readonly { verdict: Verdict | null }[]): VerdictCounts {
  const c: VerdictCounts = { restricted: 0, caution: 0, clear: 0, unresolved: 0 };
  for (const r of results) c[r.verdict ?? 'unresolved']++;
  return c;
}

/** Appends `line` as one write to a private file, starting a fresh line after a torn one. */
export function appendPrivateLine(file: string, line: string): void {
  appendPrivateLines(file, [line]);
}

/** Appends `lines` as one write to a private file, starting a fresh line after a torn one. */
export function appendPrivateLines(file: string, lines: readonly string[]): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(file, 'a+', 0o600);
  try {
    writeSync(fd, `${endsTorn(fd) ? '\n' : ''}${lines.map((l) => `${l}\n`).join('')}`);
  } finally {
    closeSync(fd);
  }
}

/** Whether the file's last byte is not a newline (a crash cut its last append). */
function endsTorn(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}

/**
 * The results first, then the summary line: a check is listed only once its results are on disk. A batch of
 * 10,000 has a results file of a megabyte or two, which the month's file, read whole for coverage, need not carry.
 */
export function recordCheck(dataDir: string, record: CheckRecord): void {
  const m = CHECK_ID.exec(record.check_id);
  if (!m) throw new Error(`not a check id: ${record.check_id}`);
  if (record.results.length > INLINE_RESULTS) {
    const file = paths.checkResults(dataDir, record.check_id);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(record.results), { mode: 0o600 });
  }
  appendPrivateLine(paths.checkRecords(dataDir, `${m[1]}-${m[2]}`), summaryLine(record));
}

/**
 * recordCheck for checks made at the same time (the server's, server/services/checkRecorder.ts): every results
 * file first, written in parallel, then each month's summary lines in one append.
 */
export async function recordChecks(dataDir: string, records: readonly CheckRecord[]): Promise<void> {
  const byMonth = new Map<string, string[]>();
  for (const record of records) {
    const m = CHECK_ID.exec(record.check_id);
    if (!m) throw new Error(`not a check id: ${record.check_id}`);
    const month = `${m[1]}-${m[2]}`;
    const lines = byMonth.get(month) ?? [];
    if (!lines.length) byMonth.set(month, lines);
    lines.push(summaryLine(record));
  }
  const large = records.filter((r) => r.results.length > INLINE_RESULTS);
  if (large.length) {
    await mkdir(dirname(paths.checkResults(dataDir, large[0]!.check_id)), { recursive: true, mode: 0o700 });
    await Promise.all(
      large.map((r) => writeFile(paths.checkResults(dataDir, r.check_id), JSON.stringify(r.results), { mode: 0o600 })),
    );
  }
  for (const [month, lines] of byMonth) appendPrivateLines(paths.checkRecords(dataDir, month), lines);
}

/** A line torn by a crash mid-append is skipped; each file is parsed once and read on (lib/files/appendedLines.ts). */
const readLines = <T>(file: string): readonly T[] => appendedJsonLines<T>(file, 'skip');

/** The month files present, oldest first. */
function recordMonths(dataDir: string): string[] {
  if (!existsSync(paths.checks(dataDir))) return [];
  return readdirSync(paths.checks(dataDir))
    .map((f) => /^records-(\d{4}-\d{2})\.jsonl$/.exec(f)?.[1])
    .filter((m): m is string => m !== undefined)
    .sort();
}

/** Every recorded check, oldest first, without its results. */
export function readChecks(dataDir: string): CheckSummary[] {
  return recordMonths(dataDir).flatMap((m) =>
    readLines<CheckSummary & { results?: unknown }>(paths.checkRecords(dataDir, m)).map(
      ({ results: _inline, ...summary }) => summary,
    ),
  );
}

export function findCheck(dataDir: string, checkId: string): CheckRecord | null {
  const m = CHECK_ID.exec(checkId);
  if (!m) return null;
  const summary = readLines<CheckSummary & { results?: RecordedResult[] }>(
    paths.checkRecords(dataDir, `${m[1]}-${m[2]}`),
  ).find((c) => c.check_id === checkId);
  if (!summary) return null;
  if (summary.results) return { ...summary, results: summary.results };
  const file = paths.checkResults(dataDir, checkId);
  const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RecordedResult[]) : [];
  return { ...summary, results };
}

export function readFeedback(dataDir: string): CheckFeedback[] {
  return [...readLines<CheckFeedback>(paths.checkFeedback(dataDir))];
}

/**
 * Records that a subject checked `restricted` was granted anyway, and why. Only the subjects a check
 * answered `restricted` can be marked, once each; who may mark is the caller's decision (lib/auth).
 */
export function recordFeedback(
  dataDir: string,
  input: { check_id: string; uscc: string; reason: string; department: string | null; recorded_by: string },
  now: Date = new Date(),
): CheckFeedback {
  const check = findCheck(dataDir, input.check_id);
  if (!check) throw new InputError(`没有核查记录 ${input.check_id}`);
  if (!check.results.some((r) => r.uscc === input.uscc && r.verdict === 'restricted'))
    throw new InputError(`核查 ${input.check_id} 中 ${input.uscc} 的结论不是“限制”，无需反馈`);
  const reason = input.reason.trim();
  if (!reason) throw new InputError('请填写仍予办理的理由');
  if (reason.length > FEEDBACK_REASON_MAX) throw new InputError(`理由不能超过 ${FEEDBACK_REASON_MAX} 字`);
  if (readFeedback(dataDir).some((f) => f.check_id === input.check_id && f.uscc === input.uscc))
    throw new InputError(`核查 ${input.check_id} 中 ${input.uscc} 已有反馈`);
  const feedback: CheckFeedback = { ...input, reason, recorded_at: now.toISOString() };
  appendPrivateLine(paths.checkFeedback(dataDir), JSON.stringify(feedback));
  return feedback;
}
