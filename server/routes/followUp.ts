/**
 * 跟踪督办 (issue 7 item 4): department users see and work their assignments, the credit office sees
 * completion per department, drills and exports, leaders and analysts see the counts only
 * (interfaces.md: follow-up is credit_office's for every department, a department's for its own).
 * Every view, export and recorded action is audited.
 */
import express, { Router, type Request, type Response } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import type { Principal } from '../../lib/auth/roles.js';
import { parseIsoDate, todayInShanghai } from '../../lib/dates.js';
import type { FollowUpClock } from '../../lib/followUp/clock.js';
import { encodePeople } from '../../pipelines/export/peopleTable.js';
import { recordAction, type Assignment } from '../../lib/followUp/store.js';
import { reportClock } from '../../lib/followUp/clock.js';
import { CONTENT_TYPES, readAttachment, storeAttachment, type Attachment } from '../../lib/followUp/attachments.js';
import type { Config } from '../../lib/config/schema.js';
import { InputError } from '../../lib/errors.js';
import { parseMultipart } from './multipart.js';
import { followUpFormBody, type FormValues } from '../../dashboards/follow-up/form.js';
import { MEASURES, ft } from '../../dashboards/follow-up/labels.js';
import { followUpCompletionBody, followUpListBody, worstFirst } from '../../dashboards/follow-up/page.js';
import { assignmentsSheet, completionSheet } from '../../dashboards/follow-up/export.js';
import type { Html } from '../../dashboards/ui/html.js';
import { layout } from '../../dashboards/ui/layout.js';
import { mustPrincipal } from '../authenticate.js';
import { HttpError } from '../../lib/errors.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import {
  findAssignment,
  findAttachment,
  followUpView,
  issuedReports,
  type ReportSelection,
} from '../../dashboards/follow-up/query.js';
import { CsrfTokens } from './followUpCsrf.js';
import { escalatedFollowUps } from '../../lib/subscriptions/escalations.js';
import { oneOf, text } from './pageQuery.js';
import { clientIp } from './send.js';
import { langOf } from './language.js';
import { say, t, type Lang } from '../../dashboards/ui/i18n.js';

interface Deps {
  dataDir: string;
  builds: PublishedBuilds;
  audit: AuditLog;
  now: () => Date;
  /** reports.coordinator: the credit office's own department name in the reports' assignments. */
  coordinator: string;
  /** The rest of `reports:`: the follow-up clock, the attachments' limits, the 编制序列. */
  reports?: Readonly<Config['reports']>;
}

const USCC = /^[0-9A-Z]{18}$/;
const NOTE_MAX = 500;

const seesEveryDepartment = (p: Principal) => p.role === 'admin' || p.role === 'credit_office';

/** The department whose list is asked for, or null for completion per department; refuses what the role may not see. */
function departmentAsked(p: Principal, asked: string | null): string | null {
  if (p.role === 'department') {
    if (!p.department) throw new HttpError(403, 'forbidden', '该部门用户未设置所属部门，无法查看跟踪督办事项');
    if (asked !== null && asked !== p.department)
      throw new HttpError(403, 'forbidden', `部门用户只能查看本部门（${p.department}）的跟踪督办事项`);
    return p.department;
  }
  if (asked !== null && !seesEveryDepartment(p))
    throw new HttpError(403, 'forbidden', '只有信用办可以查看各部门的督办明细，本角色只能查看汇总数量');
  return asked;
}

function reportAsked(
  dataDir: string,
  date: string,
  clock: FollowUpClock,
  query: Record<string, unknown>,
): ReportSelection | null {
  const r = text(query, 'report', /^.{1,80}$/u);
  if (r === null || r === 'all') return r;
  if (!issuedReports(dataDir, date, clock).some((x) => x.report_no === r))
    throw new HttpError(404, 'unknown_report', `没有已印发的筛查通报“${r}”`);
  return r;
}

/** Whose actions this user records: a department user its own; the credit office its coordinator rows (牵头协调). */
function recordsFor(p: Principal, coordinator: string): string | null {
  if (p.role === 'department') return p.department;
  return p.role === 'credit_office' ? coordinator : null;
}

function recorder(p: Principal, coordinator: string): string {
  const d = recordsFor(p, coordinator);
  if (!d) throw new HttpError(403, 'forbidden', '只有部门用户（及信用办的统筹协调事项）可以登记办理情况');
  return d;
}

export function followUpRoutes(deps: Deps): Router {
  const router = Router();
  const csrf = new CsrfTokens();
  const form = express.urlencoded({ extended: false, limit: '8kb' });
  const limits = deps.reports?.attachments ?? { max_bytes: 10 * 1024 * 1024, types: ['pdf', 'jpeg', 'png'] };
  // The file may be up to max_bytes; the fields and the part headers need a little more.
  const upload = express.raw({ type: 'multipart/form-data', limit: limits.max_bytes + 64 * 1024 });
  const today = () => todayInShanghai(deps.now());
  const clock = () => reportClock(today(), deps.reports?.current_data_days ?? 31);
  const q = (req: Request) => req.query as Record<string, unknown>;
  const pointer = async () => (await deps.builds.get())?.pointer ?? null;

  /** `url` is the GET page the language switch reloads (a POST answer cannot be reloaded as a GET). */
  async function send(res: Response, url: string, title: string, body: Html, status = 200): Promise<void> {
    const lang = langOf(res);
    res.status(status).type('html').setHeader('Cache-Control', 'private, no-store');
    res.send(
      layout(
        { title: t(lang, title), path: '/follow-up', principal: mustPrincipal(res), build: await pointer(), lang, url },
        body,
      ),
    );
  }

  async function audit(
    req: Request,
    p: Principal,
    action: string,
    target: string,
    filters: Record<string, string>,
    format: string | null,
    rows: number | null,
  ): Promise<void> {
    await deps.audit.record({
      user: p.name,
      role: p.role,
      via: p.via,
      action,
      target,
      filters,
      format,
      rows,
      build_id: (await pointer())?.build_id ?? null,
      ip: clientIp(req),
    });
  }

  router.get('/follow-up', async (req, res) => {
    const p = mustPrincipal(res);
    const date = today();
    const department = departmentAsked(p, text(q(req), 'department'));
    const report = reportAsked(deps.dataDir, date, clock(), q(req));
    const v = followUpView(deps.dataDir, { date, clock: clock(), department: department ?? undefined, report });
    const query = { department: p.role === 'department' ? null : department, report: text(q(req), 'report') };
    const recorded = text(q(req), 'recorded', USCC);
    const done = recorded ? v.assignments.find((a) => a.uscc === recorded) : undefined;
    const lang = langOf(res);
    // Escalated to the credit office (升级) as of the published build's follow_up_escalated warnings.
    const escalated = await deps.builds.with(async (b) => (b ? b.query(escalatedFollowUps) : new Set<string>()));
    const body =
      department === null
        ? followUpCompletionBody(v, { drill: seesEveryDepartment(p), query, lang, escalated })
        : followUpListBody(v, {
            department,
            mayRecord: recordsFor(p, deps.coordinator) === department,
            query,
            notice: done ? say(lang).recorded(done.name ?? done.uscc) : null,
            lang,
            escalated,
          });
    await audit(
      req,
      p,
      'follow_up_view',
      department ?? 'all',
      { report: v.report ?? 'all' },
      'html',
      department === null ? v.completion.length : v.assignments.length,
    );
    await send(res, req.originalUrl, '跟踪督办', body);
  });

  router.get('/follow-up/export', async (req, res) => {
    const p = mustPrincipal(res);
    const date = today();
    const department = departmentAsked(p, text(q(req), 'department'));
    if (department === null && !seesEveryDepartment(p))
      throw new HttpError(403, 'forbidden', '只有信用办可以导出各部门办结情况');
    const format = oneOf(q(req), 'format', ['csv', 'xlsx'] as const, 'csv');
    const v = followUpView(deps.dataDir, {
      date,
      clock: clock(),
      department: department ?? undefined,
      report: reportAsked(deps.dataDir, date, clock(), q(req)),
    });
    // A page's file for people (Chinese titles, words not codes, Excel dates); the CLI keeps the codes.
    const sheet =
      department === null ? completionSheet(worstFirst(v.completion)) : assignmentsSheet(department, v.assignments);
    const body = await encodePeople(format, [sheet], null);
    await audit(
      req,
      p,
      'follow_up_export',
      department ?? 'all',
      { report: v.report ?? 'all' },
      format,
      sheet.rows.length,
    );
    res.attachment(`${department === null ? '办结情况' : `督办事项-${department}`}-${date}.${format}`);
    res.type(
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(body);
  });

  function assignmentOf(department: string, reportNo: string | null, uscc: string | null): Assignment {
    if (!reportNo || !uscc) throw new HttpError(400, 'bad_parameter', '缺少参数 report 或 uscc');
    const a = findAssignment(deps.dataDir, clock(), reportNo, uscc, department);
    if (!a) throw new HttpError(404, 'unknown_assignment', `${reportNo} 没有把 ${uscc} 交办给 ${department}`);
    return a;
  }

  async function sendForm(
    res: Response,
    a: Assignment,
    values: FormValues,
    error: string | null = null,
  ): Promise<void> {
    const back =
      mustPrincipal(res).role === 'department'
        ? '/follow-up'
        : `/follow-up?${new URLSearchParams({ department: a.department }).toString()}`;
    const url = `/follow-up/record?${new URLSearchParams({ report: a.report_no, uscc: a.uscc }).toString()}`;
    await send(
      res,
      url,
      '登记措施',
      followUpFormBody(a, {
        csrf: csrf.tokenFor(res),
        values,
        today: a.status_date,
        back,
        error,
        lang: langOf(res),
        limits,
      }),
      error ? 400 : 200,
    );
  }

  router.get('/follow-up/record', async (req, res) => {
    const department = recorder(mustPrincipal(res), deps.coordinator);
    const a = assignmentOf(department, text(q(req), 'report'), text(q(req), 'uscc', USCC));
    const suggested = (MEASURES as readonly string[]).includes(a.measure) ? a.measure : '';
    await sendForm(res, a, { measure: a.action?.measure ?? suggested, action_date: a.status_date, note: '' });
  });

  router.post('/follow-up/actions', form, upload, async (req, res) => {
    const p = mustPrincipal(res);
    const department = recorder(p, deps.coordinator);
    const multipart = Buffer.isBuffer(req.body) ? parseMultipart(req.body, req.get('content-type') ?? '') : null;
    const body = (multipart ? multipart.fields : (req.body ?? {})) as Record<string, unknown>;
    csrf.check(req, res, body.csrf);
    const field = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
    const a = assignmentOf(department, field('report_no') || null, USCC.test(field('uscc')) ? field('uscc') : null);
    const values: FormValues = { measure: field('measure'), action_date: field('action_date'), note: field('note') };
    const problem = checkValues(values, a, today(), langOf(res));
    if (problem) return void (await sendForm(res, a, values, problem));
    let attachment: Attachment | null = null;
    if (multipart?.file) {
      try {
        attachment = storeAttachment(deps.dataDir, multipart.file.name, multipart.file.data, limits);
      } catch (e) {
        if (e instanceof InputError) return void (await sendForm(res, a, values, e.message));
        throw e;
      }
    }
    recordAction(
      deps.dataDir,
      {
        report_no: a.report_no,
        uscc: a.uscc,
        department,
        measure: values.measure,
        action_date: values.action_date,
        note: values.note || null,
        recorded_by: p.name,
        attachment,
      },
      deps.now(),
    );
    await audit(
      req,
      p,
      'follow_up_action',
      `${a.report_no}|${a.uscc}`,
      {
        department,
        measure: values.measure,
        action_date: values.action_date,
        ...(attachment ? { attachment: attachment.id, attachment_bytes: String(attachment.bytes) } : {}),
      },
      null,
      1,
    );
    const back = new URLSearchParams({
      ...(p.role === 'department' ? {} : { department }),
      report: a.report_no,
      recorded: a.uscc,
    });
    res.redirect(303, `/follow-up?${back.toString()}`);
  });

  // 佐证材料: whoever may see the assignment's department list may download it (leaders and analysts
  // see counts only); every download is audited like an export.
  router.get('/follow-up/attachments/:id', async (req, res) => {
    const p = mustPrincipal(res);
    const id = String(req.params.id);
    const found = findAttachment(deps.dataDir, id);
    const data = found ? readAttachment(deps.dataDir, id) : null;
    if (!found || !data) throw new HttpError(404, 'unknown_attachment', '没有这份佐证材料');
    departmentAsked(p, found.department);
    await audit(
      req,
      p,
      'follow_up_attachment',
      `${found.report_no}|${found.uscc}`,
      { department: found.department, attachment: id },
      found.type,
      1,
    );
    res.type(CONTENT_TYPES[found.type as keyof typeof CONTENT_TYPES] ?? 'application/octet-stream');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(found.name)}`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(data);
  });
  return router;
}

/**
 * The form's own checks, in the page's language, before recordAction (which refuses the same in English for the CLI).
 */
function checkValues(v: FormValues, a: Assignment, realToday: string, lang: Lang): string | null {
  const today = a.status_date;
  const p = say(lang);
  if (!(MEASURES as readonly string[]).includes(v.measure)) return p.chooseMeasure(MEASURES);
  if (parseIsoDate(v.action_date) === null) return p.badActionDate(v.action_date);
  if (v.action_date < a.report_date) return p.beforeReport(a.report_date);
  // The report's clock, not the wall clock: a report of old data runs on its own dates (lib/followUp/clock.ts).
  if (v.action_date > today) return today === realToday ? p.afterToday(today) : ft(lang, 'afterClock', today);
  if (v.note.length > NOTE_MAX) return p.noteTooLong(NOTE_MAX);
  return null;
}
