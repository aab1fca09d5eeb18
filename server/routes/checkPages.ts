/**
 * 核查 pages: the form (paste or upload), one check's answer and its workbook, feedback on a restricted
 * subject (反馈), and 核查记录 (checks per department and month). The upload is the file itself as the
 * request body (express.raw): the page's script sends it with its name in a header, so no multipart
 * parser is needed. Every view of a check's subjects is audited.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { mayCheck, mayGiveCheckFeedback, mayViewCheck, type Principal } from '../../lib/auth/roles.js';
import { departmentScope } from '../../lib/auth/scope.js';
import { findCheck, isCheckId, readChecks, readFeedback, recordFeedback } from '../../lib/checks/store.js';
import { paths } from '../../lib/dataDir.js';
import { HttpError, InputError } from '../../lib/errors.js';
import { normaliseCode } from '../../lib/validate/uscc.js';
import { catalogueAt } from '../../dashboards/check/measures.js';
import { checkFormBody, checkRecordsBody, checkResultBody } from '../../dashboards/check/page.js';
import type { Subject } from '../../dashboards/check/query.js';
import { readUploadedList } from '../../dashboards/check/upload.js';
import { checkWorkbook, type WorkbookInput } from '../../dashboards/check/workbook.js';
import type { Html } from '../../dashboards/ui/html.js';
import { t } from '../../dashboards/ui/i18n.js';
import { layout } from '../../dashboards/ui/layout.js';
import { checkCoverage } from '../../pipelines/export/checks.js';
import { mustPrincipal } from '../authenticate.js';
import { purposeOf, runCheck, type CheckDeps } from '../services/checkService.js';
import { CsrfTokens } from './followUpCsrf.js';
import { langOf } from './language.js';
import { clientIp } from './send.js';

const UPLOAD_LIMIT = '20mb';
const RECENT_CHECKS = 50;

/** A pasted line is a USCC when it has a USCC's shape (valid or not: an invalid one is answered as such). */
const USCC_SHAPED = /^[0-9A-Z]{18}$/;

export function pastedSubjects(text: string): Subject[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((query) => ({ query, kind: USCC_SHAPED.test(normaliseCode(query)) ? 'uscc' : 'name' }));
}

function mustCheck(p: Principal): void {
  if (!mayCheck(p)) throw new HttpError(403, 'forbidden', '角色“领导”只能查看汇总数据，不能核查企业信用');
}

export function checkPageRoutes(deps: CheckDeps): Router {
  const router = Router();
  const csrf = new CsrfTokens();
  const form = express.urlencoded({ extended: false, limit: '2mb' });
  const raw = express.raw({ type: () => true, limit: UPLOAD_LIMIT });
  const maxSubjects = deps.config.checks.max_subjects;

  async function send(req: Request, res: Response, path: string, title: string, body: Html, status = 200) {
    const lang = langOf(res);
    const build = (await deps.builds.get())?.pointer ?? null;
    res.status(status).type('html').setHeader('Cache-Control', 'private, no-store');
    res.send(
      layout({ title: t(lang, title), path, principal: mustPrincipal(res), build, lang, url: req.originalUrl }, body),
    );
  }

  async function audit(
    req: Request,
    p: Principal,
    action: string,
    target: string,
    rows: number | null,
    format: string,
  ) {
    await deps.audit.record({
      user: p.name,
      role: p.role,
      via: p.via,
      action,
      target,
      filters: {},
      format,
      rows,
      build_id: (await deps.builds.get())?.pointer.build_id ?? null,
      ip: clientIp(req),
    });
  }

  function sendForm(req: Request, res: Response, values: { subjects: string; purpose: string }, error: string | null) {
    const body = checkFormBody({
      csrf: csrf.tokenFor(res),
      purposes: deps.config.checks.purposes,
      maxSubjects,
      values,
      error,
      lang: langOf(res),
    });
    return send(req, res, '/check', '核查', body, error ? 400 : 200);
  }

  async function saveWorkbook(checkId: string, input: Omit<WorkbookInput, 'about'>, source: string) {
    const c = findCheck(deps.dataDir, checkId)!;
    const file = paths.checkFile(deps.dataDir, checkId);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const about = { ...c, source };
    writeFileSync(file, await checkWorkbook({ ...input, about }), { mode: 0o600 });
  }

  router.get('/check', async (req, res) => {
    mustCheck(mustPrincipal(res));
    await sendForm(req, res, { subjects: '', purpose: '' }, null);
  });

  router.post('/check', form, async (req, res) => {
    const p = mustPrincipal(res);
    mustCheck(p);
    const body = (req.body ?? {}) as Record<string, unknown>;
    csrf.check(req, res, body.csrf);
    const values = { subjects: String(body.subjects ?? ''), purpose: String(body.purpose ?? '') };
    const subjects = pastedSubjects(values.subjects);
    if (subjects.length === 0) return void (await sendForm(req, res, values, '请先粘贴要核查的统一社会信用代码或名称'));
    if (subjects.length > maxSubjects)
      return void (await sendForm(req, res, values, `一次最多核查 ${maxSubjects} 个，粘贴了 ${subjects.length} 个`));
    let purpose: string | null;
    try {
      purpose = purposeOf(deps.config, values.purpose);
    } catch (e) {
      return void (await sendForm(req, res, values, (e as Error).message));
    }
    const answer = await runCheck(deps, req, p, { subjects, purpose, via: 'page' });
    await saveWorkbook(
      answer.check_id,
      { headers: ['核查内容'], rows: subjects.map((s) => [s.query]), results: answer.results },
      '粘贴的名单',
    );
    res.redirect(303, `/check/${answer.check_id}`);
  });

  router.post('/check/upload', raw, async (req, res) => {
    const p = mustPrincipal(res);
    mustCheck(p);
    const header = (name: string) => decodeURIComponent(String(req.headers[name] ?? ''));
    csrf.check(req, res, req.headers['x-csrf-token']);
    const fail = (message: string) =>
      res
        .status(400)
        .setHeader('Cache-Control', 'no-store')
        .json({ error: { code: 'bad_upload', message } });
    if (String(req.headers['content-type'] ?? '').startsWith('multipart/'))
      return void fail('请在启用脚本的浏览器中上传名单（页面用脚本发送文件）');
    const fileName = header('x-file-name') || '名单';
    let list;
    let purpose: string | null;
    try {
      purpose = purposeOf(deps.config, header('x-check-purpose'));
      list = await readUploadedList(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), fileName, maxSubjects);
    } catch (e) {
      if (e instanceof InputError || e instanceof HttpError) return void fail(e.message);
      throw e;
    }
    const col = list.column.index;
    const checked = list.rows.map((r, i) => ({ i, query: r[col] ?? '' })).filter((x) => x.query !== '');
    if (checked.length === 0) return void fail(`“${list.column.header}”列没有内容`);
    const answer = await runCheck(deps, req, p, {
      subjects: checked.map((x) => ({ query: x.query, kind: list.column.kind })),
      purpose,
      via: 'page',
      upload: { file: fileName, column: list.column.header },
    });
    const byRow = new Map(checked.map((x, k) => [x.i, answer.results[k]!]));
    await saveWorkbook(
      answer.check_id,
      { headers: list.headers, rows: list.rows, results: list.rows.map((_, i) => byRow.get(i) ?? null) },
      `${fileName}（${list.column.header}列）`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.json({ location: `/check/${answer.check_id}`, check_id: answer.check_id, column: list.column });
  });

  function viewable(res: Response, id: string) {
    const p = mustPrincipal(res);
    mustCheck(p);
    const check = isCheckId(id) ? findCheck(deps.dataDir, id) : null;
    if (!check || !mayViewCheck(p, check)) throw new HttpError(404, 'unknown_check', `没有核查记录 ${id}`);
    return { p, check };
  }

  async function sendResult(req: Request, res: Response, id: string, notice: string | null, error: string | null) {
    const { p, check } = viewable(res, id);
    const measureNames = new Map(catalogueAt(deps.config, check.as_of).catalogue.map((m) => [m.code, m.measure]));
    const body = checkResultBody({
      check,
      measureNames,
      feedback: readFeedback(deps.dataDir).filter((f) => f.check_id === check.check_id),
      csrf: mayGiveCheckFeedback(p, check) ? csrf.tokenFor(res) : null,
      notice,
      error,
      lang: langOf(res),
    });
    await audit(req, p, 'check_view', check.check_id, check.subjects, 'html');
    await send(req, res, '/check', '核查结果', body, error ? 400 : 200);
  }

  router.get('/check/:file.xlsx', async (req, res) => {
    const { p, check } = viewable(res, req.params.file);
    const file = paths.checkFile(deps.dataDir, check.check_id);
    if (!existsSync(file)) throw new HttpError(404, 'no_workbook', `核查 ${check.check_id} 没有保存结果文件`);
    await audit(req, p, 'check_export', check.check_id, check.subjects, 'xlsx');
    res.attachment(`核查结果-${check.check_id}.xlsx`);
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(readFileSync(file));
  });

  router.get('/check/:id', async (req, res) => {
    const fed = typeof req.query.feedback === 'string' ? req.query.feedback : null;
    const notice = fed ? (langOf(res) === 'en' ? `Feedback recorded for ${fed}` : `已记录对 ${fed} 的反馈`) : null;
    await sendResult(req, res, req.params.id, notice, null);
  });

  router.post('/check/:id/feedback', form, async (req, res) => {
    const { p, check } = viewable(res, req.params.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    csrf.check(req, res, body.csrf);
    if (!mayGiveCheckFeedback(p, check)) throw new HttpError(403, 'forbidden', '只有作出核查的部门可以反馈');
    const uscc = String(body.uscc ?? '');
    try {
      recordFeedback(
        deps.dataDir,
        {
          check_id: check.check_id,
          uscc,
          reason: String(body.reason ?? ''),
          department: p.department,
          recorded_by: p.name,
        },
        deps.now(),
      );
    } catch (e) {
      if (e instanceof InputError) return void (await sendResult(req, res, check.check_id, null, e.message));
      throw e;
    }
    await audit(req, p, 'check_feedback', `${check.check_id}|${uscc}`, null, 'html');
    res.redirect(303, `/check/${check.check_id}?feedback=${encodeURIComponent(uscc)}`);
  });

  router.get('/checks', async (req, res) => {
    const p = mustPrincipal(res);
    const department = departmentScope(p, 'checks');
    const coverage = checkCoverage(deps.dataDir).filter((r) => department === null || r.department === department);
    const checks = mayCheck(p)
      ? readChecks(deps.dataDir)
          .filter((c) => mayViewCheck(p, c))
          .reverse()
          .slice(0, RECENT_CHECKS)
      : [];
    await audit(req, p, 'check_records_view', department ?? 'all', coverage.length, 'html');
    await send(req, res, '/checks', '核查记录', checkRecordsBody({ coverage, checks, lang: langOf(res) }));
  });

  return router;
}
