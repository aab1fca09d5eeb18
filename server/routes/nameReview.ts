/**
 * 名称匹配复核 (admin, credit_office — mayReviewNames): the page and its forms, and the same as an API.
 *   GET  /name-review, POST /name-review/judgements, POST /name-review/judgements/<id>/revoke   (pages, CSRF)
 *   GET  /api/v1/name-review, POST /api/v1/name-review/judgements, POST …/judgements/<id>/revoke  (JSON)
 * A judgement may only answer a suggestion the review makes on the published build (dashboards/name-review/
 * query.ts judgeable); the store refuses what contradicts the judgements already made. The list shows
 * delivered names and entities, so every view is audited, as is every judgement and revocation.
 */
import express, { Router, type Request, type Response } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import { mayReviewNames } from '../../lib/auth/roles.js';
import type { Config } from '../../lib/config/schema.js';
import { HttpError, InputError } from '../../lib/errors.js';
import {
  decide,
  isJudgementId,
  readJudgements,
  reviewedNames,
  revoke,
  type Decision,
  type NameJudgement,
} from '../../lib/nameReview/store.js';
import {
  hasReviewMart,
  judgeable,
  reviewQueue,
  REVIEW_MART,
  type ReviewQueue,
} from '../../dashboards/name-review/query.js';
import { nameReviewBody } from '../../dashboards/name-review/page.js';
import { layout } from '../../dashboards/ui/layout.js';
import { t } from '../../dashboards/ui/i18n.js';
import { mustPrincipal } from '../authenticate.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { CsrfTokens } from './followUpCsrf.js';
import { langOf } from './language.js';
import { text } from './pageQuery.js';
import { clientIp } from './send.js';

interface Deps {
  dataDir: string;
  builds: PublishedBuilds;
  audit: AuditLog;
  config: Readonly<Config>;
  now: () => Date;
}

const PAGE = 20;

function reviewerOnly(res: Response): void {
  const p = mustPrincipal(res);
  if (!mayReviewNames(p))
    throw new HttpError(403, 'forbidden', `名称匹配复核仅信用办和系统管理员可以操作；角色 ${p.role} 无权访问`);
}

function offsetOf(req: Request): number {
  const o = text(req.query as Record<string, unknown>, 'offset', /^\d{1,7}$/);
  return o === null ? 0 : Number(o);
}

function decisionOf(value: unknown): Decision {
  if (value === 'confirmed' || value === 'rejected') return value;
  throw new HttpError(
    400,
    'bad_decision',
    `decision 只能是 confirmed（确认）或 rejected（否定），收到“${String(value)}”`,
  );
}

const field = (body: Record<string, unknown>, k: string): string =>
  typeof body[k] === 'string' ? (body[k] as string) : '';

/**
 * A page of the queue per published build and state of the judgements (readJudgements returns the same
 * array while its file is unchanged): each page's suggestions are a fuzzy search per name, 2–3 s a view
 * under 32 clients at county scale when made for every view.
 */
class QueueCache {
  private byState = new WeakMap<readonly NameJudgement[], Map<string, Promise<ReviewQueue>>>();
  private none = new Map<string, Promise<ReviewQueue>>();

  of(judgements: readonly NameJudgement[], key: string, make: () => Promise<ReviewQueue>): Promise<ReviewQueue> {
    let pages = judgements.length === 0 ? this.none : this.byState.get(judgements);
    if (!pages) this.byState.set(judgements, (pages = new Map()));
    // Old builds' pages go: a long-lived server must not keep every build's.
    if (pages.size > 64) pages.clear();
    let queue = pages.get(key);
    if (!queue) {
      queue = make();
      const held = pages;
      queue.catch(() => held.delete(key));
      pages.set(key, queue);
    }
    return queue;
  }
}

export function nameReviewRoutes(deps: Deps): { api: Router; pages: Router } {
  const queues = new QueueCache();
  const router = Router();
  const apiRouter = Router();
  const csrf = new CsrfTokens();
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const json = express.json({ limit: '8kb', type: () => true });

  async function audit(
    req: Request,
    res: Response,
    action: string,
    target: string,
    extra: Record<string, string>,
    rows: number | null,
    buildId: string | null,
  ) {
    const p = mustPrincipal(res);
    await deps.audit.record({
      user: p.name,
      role: p.role,
      via: p.via,
      action,
      target,
      filters: extra,
      format: action === 'name_review_view' ? (req.path.startsWith('/api/') ? 'json' : 'html') : null,
      rows,
      build_id: buildId,
      ip: clientIp(req),
    });
  }

  /** The queue and every judgement on the published build, audited as a read. */
  async function review(req: Request, res: Response, offset: number) {
    const judgements = readJudgements(deps.dataDir);
    const found = await deps.builds.with(async (build) => {
      if (!build) throw new HttpError(503, 'no_build', '尚无已发布的构建：请先运行 sentinel build');
      if (!(await build.query(hasReviewMart)))
        throw new HttpError(
          503,
          'no_review_mart',
          `已发布的构建 ${build.pointer.build_id} 没有 ${REVIEW_MART}：请重新构建`,
        );
      const queue = await queues.of(judgements, `${build.pointer.build_id}:${offset}`, () =>
        build.query((db) =>
          reviewQueue(db, reviewedNames(judgements), {
            limit: PAGE,
            offset,
            suggestions: deps.config.checks.suggestions,
          }),
        ),
      );
      return { queue, pointer: build.pointer };
    });
    await audit(
      req,
      res,
      'name_review_view',
      'name-review',
      { offset: String(offset) },
      found.queue.names.length,
      found.pointer.build_id,
    );
    return { ...found, judgements };
  }

  async function judge(req: Request, res: Response, body: Record<string, unknown>): Promise<NameJudgement> {
    const decision = decisionOf(body.decision);
    const [name, uscc] = [field(body, 'name'), field(body, 'uscc').trim().toUpperCase()];
    const { check, buildId } = await deps.builds.with(async (build) => {
      if (!build) throw new HttpError(503, 'no_build', '尚无已发布的构建：请先运行 sentinel build');
      return {
        check: await build.query((db) => judgeable(db, name, uscc, deps.config.checks.suggestions)),
        buildId: build.pointer.build_id,
      };
    });
    if (!check.ok) throw new InputError(check.reason);
    const j = await decide(
      deps.dataDir,
      {
        name: check.name,
        uscc,
        decision,
        by: mustPrincipal(res).name,
        similarity: check.suggestion.similarity,
        why: check.suggestion.why,
      },
      deps.now(),
    );
    await audit(req, res, 'name_judgement', `${j.name_norm}|${j.uscc}`, { decision, id: j.id }, null, buildId);
    return j;
  }

  async function revokeOne(req: Request, res: Response, body: Record<string, unknown>): Promise<NameJudgement> {
    const id = String(req.params.id ?? '');
    if (!isJudgementId(id) || !readJudgements(deps.dataDir).some((j) => j.id === id))
      throw new HttpError(404, 'unknown_judgement', `没有复核结论 ${id}`);
    const j = await revoke(
      deps.dataDir,
      { id, by: mustPrincipal(res).name, reason: field(body, 'reason') },
      deps.now(),
    );
    await audit(req, res, 'name_judgement_revoke', `${j.name_norm}|${j.uscc}`, { id }, null, null);
    return j;
  }

  async function page(req: Request, res: Response, notice: string | null, error: string | null, status = 200) {
    const lang = langOf(res);
    const offset = offsetOf(req);
    const r = await review(req, res, offset);
    const frame = {
      title: t(lang, '名称匹配复核'),
      path: '/name-review',
      principal: mustPrincipal(res),
      build: r.pointer,
      lang,
      url: req.originalUrl,
    };
    const body = nameReviewBody({
      queue: r.queue,
      judgements: r.judgements,
      offset,
      limit: PAGE,
      csrf: csrf.tokenFor(res),
      notice,
      error,
      lang,
    });
    res.status(status).type('html').setHeader('Cache-Control', 'private, no-store');
    res.send(layout(frame, body));
  }

  /** A refused judgement is said on the page (400), as the 表头映射 page does. */
  async function onPage(
    req: Request,
    res: Response,
    act: () => Promise<NameJudgement>,
    done: (j: NameJudgement) => string,
  ) {
    reviewerOnly(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    csrf.check(req, res, body.csrf);
    let j: NameJudgement;
    try {
      j = await act();
    } catch (e) {
      if (!(e instanceof InputError) && !(e instanceof HttpError && e.status === 400)) throw e;
      return void (await page(req, res, null, e.message, 400));
    }
    res.redirect(303, `/name-review?${new URLSearchParams({ done: done(j) }).toString()}`);
  }

  router.get('/name-review', async (req, res) => {
    reviewerOnly(res);
    const done = text(req.query as Record<string, unknown>, 'done', /^\P{Cc}{1,300}$/u);
    await page(req, res, done, null);
  });

  router.post('/name-review/judgements', form, (req, res) =>
    onPage(
      req,
      res,
      () => judge(req, res, (req.body ?? {}) as Record<string, unknown>),
      (j) => `${t(langOf(res), j.decision === 'confirmed' ? '已确认' : '已否定')}：${j.name} → ${j.uscc}`,
    ),
  );

  router.post('/name-review/judgements/:id/revoke', form, (req, res) =>
    onPage(
      req,
      res,
      () => revokeOne(req, res, (req.body ?? {}) as Record<string, unknown>),
      (j) => `${t(langOf(res), '已撤销')}：${j.name} → ${j.uscc}`,
    ),
  );

  const api =
    (fn: (req: Request, res: Response, body: Record<string, unknown>) => Promise<NameJudgement>, status: number) =>
    async (req: Request, res: Response) => {
      reviewerOnly(res);
      const body = req.body as unknown;
      if (body === null || typeof body !== 'object' || Array.isArray(body))
        throw new HttpError(400, 'bad_body', 'send a JSON object');
      try {
        res.status(status).json(await fn(req, res, body as Record<string, unknown>));
      } catch (e) {
        if (e instanceof InputError) throw new HttpError(400, 'bad_judgement', e.message);
        throw e;
      }
    };

  apiRouter.get('/api/v1/name-review', async (req, res) => {
    reviewerOnly(res);
    const r = await review(req, res, offsetOf(req));
    res.setHeader('Cache-Control', 'private, no-store');
    res.json({
      as_of: r.pointer.as_of,
      build_id: r.pointer.build_id,
      total: r.queue.total,
      names: r.queue.names,
      judgements: r.judgements.map((j) => ({ ...j, attached_records: attachedTo(r.queue.attached, j) })),
    });
  });
  apiRouter.post('/api/v1/name-review/judgements', json, api(judge, 201));
  apiRouter.post('/api/v1/name-review/judgements/:id/revoke', json, api(revokeOne, 200));
  return { api: apiRouter, pages: router };
}

/** The records the published build attached by a confirmed judgement in force; null when it has none yet. */
function attachedTo(attached: Map<string, { uscc: string; records: number }>, j: NameJudgement): number | null {
  const a = attached.get(j.name_norm);
  return j.decision === 'confirmed' && !j.revoked_at && a?.uscc === j.uscc ? a.records : null;
}
