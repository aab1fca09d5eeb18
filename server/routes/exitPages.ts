/**
 * 移出与修复 and 政务诚信 (issue 14 §2, §4): entity lists, so leaders are refused (entityRights); a department
 * user sees and marks its own department's items only (lib/auth/scope.ts decides the scope); the credit office
 * sees and may mark every department's. Every view, export and mark is audited. The worklist is the published
 * build's; marks recorded since are read live from the store and shown at once.
 */
import express, { Router, type Request } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import type { Principal } from '../../lib/auth/roles.js';
import { departmentScope } from '../../lib/auth/scope.js';
import { todayInShanghai } from '../../lib/dates.js';
import { HttpError, InputError } from '../../lib/errors.js';
import { marksByItem, readMarks, recordMark } from '../../lib/exits/store.js';
import { exitsSheets } from '../../dashboards/exits/export.js';
import { EXITS_PAGE_SIZE, exitsBody } from '../../dashboards/exits/page.js';
import {
  EXIT_KINDS,
  EXIT_STATUSES,
  exitCountsByDepartment,
  exitItem,
  exitItems,
  exitTotals,
  type ExitFilter,
} from '../../dashboards/exits/query.js';
import { governmentSheets } from '../../dashboards/government/export.js';
import { governmentBody } from '../../dashboards/government/page.js';
import { governmentBodies } from '../../dashboards/government/query.js';
import { t } from '../../dashboards/ui/i18n.js';
import { mustPrincipal } from '../authenticate.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { entityRights } from './entityRights.js';
import { CsrfTokens, CSRF_FIELD } from './followUpCsrf.js';
import { langOf } from './language.js';
import { sendPageExport } from './pageExport.js';
import { DATE, pageNumber, text } from './pageQuery.js';
import { auditedPage, auditPageRead, sendPage, type Rendered } from './renderPage.js';
import { clientIp } from './send.js';

interface Deps {
  dataDir: string;
  builds: PublishedBuilds;
  audit: AuditLog;
  now: () => Date;
}

const DEPARTMENT = /^.{1,100}$/u;
const ITEM = /^[a-z_]+:.{1,400}$/u;

/** The filter a request asks for, narrowed to the caller's department when the scope says so. */
function exitFilter(p: Principal, query: Record<string, unknown>): ExitFilter {
  const scope = departmentScope(p, 'exits');
  const asked = text(query, 'department', DEPARTMENT);
  if (scope !== null && asked !== null && asked !== scope)
    throw new HttpError(403, 'forbidden', `部门用户只能查看本部门（${scope || '未设置部门'}）的移出事项`);
  const kind = text(query, 'kind');
  const status = text(query, 'status');
  if (kind !== null && !(EXIT_KINDS as readonly string[]).includes(kind))
    throw new HttpError(400, 'bad_parameter', `参数 kind 的值“${kind}”无效，可选：${EXIT_KINDS.join('、')}`);
  if (status !== null && !(EXIT_STATUSES as readonly string[]).includes(status))
    throw new HttpError(400, 'bad_parameter', `参数 status 的值“${status}”无效，可选：${EXIT_STATUSES.join('、')}`);
  return { department: scope ?? asked, kind, status };
}

/** Department users mark their own items; the credit office (and admin) any; analysts only read. */
function mayMark(p: Principal, department: string | null): boolean {
  if (p.role === 'admin' || p.role === 'credit_office') return true;
  return p.role === 'department' && p.department !== null && (department === null || department === p.department);
}

export function exitRoutes(deps: Deps): Router {
  const router = Router();
  const csrf = new CsrfTokens();
  const form = express.urlencoded({ extended: false, limit: '8kb' });
  const today = () => todayInShanghai(deps.now());
  const q = (req: Request) => req.query as Record<string, unknown>;
  const liveMarks = () => marksByItem(readMarks(deps.dataDir));

  router.get('/exits', async (req, res) => {
    const p = mustPrincipal(res);
    entityRights(p);
    const filter = exitFilter(p, q(req));
    const offset = (pageNumber(q(req)) - 1) * EXITS_PAGE_SIZE;
    const lang = langOf(res);
    const marks = liveMarks();
    // Not cached per build like other pages: the marks change between builds and show at once.
    const rendered: Rendered = await deps.builds.with(async (build) => {
      if (!build) throw new HttpError(503, 'no_build', '尚无已发布的构建：请先运行 sentinel build');
      const { rows, totals, counts, all } = await build.query(async (db) => ({
        rows: await exitItems(db, filter, { limit: EXITS_PAGE_SIZE, offset }),
        totals: await exitTotals(db, filter, [...marks.keys()]),
        counts: await exitCountsByDepartment(db, filter.department),
        all:
          filter.department === null && departmentScope(p, 'exits') === null
            ? (await exitCountsByDepartment(db, null)).map((c) => c.department).sort()
            : [],
      }));
      const body = exitsBody({
        filter,
        rows,
        totals,
        offset,
        counts,
        departments: all,
        marks,
        mayMark: mayMark(p, filter.department),
        csrf: csrf.tokenFor(res),
        today: today(),
        lang,
      });
      return { title: t(lang, '移出与修复'), body: body.value, rows: rows.length, pointer: build.pointer };
    });
    await auditPageRead(
      deps.audit,
      req,
      res,
      { action: 'page_view', target: '/exits', filters: { ...filter } },
      rendered,
    );
    res.setHeader('Cache-Control', 'private, no-store');
    sendPage(req, res, '/exits', rendered);
  });

  router.get('/exits/export', async (req, res) => {
    const p = mustPrincipal(res);
    entityRights(p);
    const filter = exitFilter(p, q(req));
    const marks = liveMarks();
    await sendPageExport(deps, req, res, {
      target: '/exits',
      filters: { ...filter },
      // The marks are part of the file: a new mark makes a new file.
      key: `exits:${JSON.stringify(filter)}:${readMarks(deps.dataDir).length}`,
      file: '移出与修复',
      sheets: (db) => exitsSheets(db, filter, marks),
    });
  });

  router.post('/exits/mark', form, async (req, res) => {
    const p = mustPrincipal(res);
    entityRights(p);
    const body = req.body as Record<string, unknown>;
    csrf.check(req, res, body[CSRF_FIELD]);
    const itemId = text(body, 'item_id', ITEM);
    const doneDate = text(body, 'done_date', DATE);
    if (itemId === null || doneDate === null) throw new HttpError(400, 'bad_parameter', '缺少 item_id 或 done_date');
    const note = text(body, 'note', /^[\s\S]{0,500}$/u);
    const found = await deps.builds.with(async (build) => {
      if (!build) throw new HttpError(503, 'no_build', '尚无已发布的构建');
      return { item: await build.query((db) => exitItem(db, itemId)), buildId: build.pointer.build_id };
    });
    if (!found.item) throw new HttpError(404, 'unknown_item', `已发布的移出清单中没有事项“${itemId}”`);
    if (!mayMark(p, found.item.department))
      throw new HttpError(403, 'forbidden', `只有责任部门（${found.item.department}）或信用办可以标记该事项已移出`);
    try {
      recordMark(
        deps.dataDir,
        {
          item_id: itemId,
          department: found.item.department,
          trigger_date: found.item.trigger_date,
          done_date: doneDate,
          today: today(),
          note,
          recorded_by: p.name,
        },
        deps.now(),
      );
    } catch (e) {
      if (e instanceof InputError) throw new HttpError(400, 'bad_mark', e.message);
      throw e;
    }
    await deps.audit.record({
      user: p.name,
      role: p.role,
      via: p.via,
      action: 'exit_mark',
      target: itemId,
      filters: { department: found.item.department, done_date: doneDate },
      format: null,
      rows: 1,
      build_id: found.buildId,
      ip: clientIp(req),
    });
    const back = p.role === 'department' ? '/exits' : `/exits?department=${encodeURIComponent(found.item.department)}`;
    res.redirect(303, back);
  });

  router.get('/government', async (req, res) => {
    entityRights(mustPrincipal(res));
    const read = { action: 'page_view', target: '/government' };
    await auditedPage(deps, req, res, '/government', 'government', read, async (db, _build, lang) => {
      const rows = await governmentBodies(db);
      return { title: t(lang, '政务诚信'), body: governmentBody(rows, lang), rows: rows.length };
    });
  });

  router.get('/government/export', async (req, res) => {
    entityRights(mustPrincipal(res));
    await sendPageExport(deps, req, res, {
      target: '/government',
      key: 'government',
      file: '政务诚信',
      sheets: (db) => governmentSheets(db),
    });
  });

  return router;
}
