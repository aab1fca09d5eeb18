/**
 * `POST /api/v1/checks` (interfaces.md): a batch credit check (逢办必查) of `{"usccs": [...]}` or
 * `{"names": [...]}`, optionally with a `purpose`; and `POST /api/v1/checks/<id>/feedback`, a
 * department's note that a subject checked `restricted` was granted anyway (反馈). The body is read
 * raw and parsed here so that a malformed one gets a message saying what is wrong with it.
 */
import express, { Router } from 'express';
import { mayCheck, mayGiveCheckFeedback } from '../../lib/auth/roles.js';
import { findCheck, isCheckId, recordFeedback } from '../../lib/checks/store.js';
import { HttpError, InputError } from '../../lib/errors.js';
import type { Subject } from '../../dashboards/check/query.js';
import { mustPrincipal } from '../authenticate.js';
import { purposeOf, runCheck, type CheckDeps } from '../services/checkService.js';
import type { CheckResult } from '../../dashboards/check/query.js';
import { clientIp } from './send.js';

/** 10,000 names of ~40 characters as JSON are under 2 MB; the limit leaves room without inviting abuse. */
const BODY_LIMIT = '8mb';

function bad(message: string): HttpError {
  return new HttpError(400, 'bad_body', message);
}

function jsonBody(raw: unknown): Record<string, unknown> {
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
  if (!text.trim()) throw bad('the body is empty: send {"usccs": [...]} or {"names": [...]} as JSON');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw bad(`the body is not valid JSON (${(e as Error).message})`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw bad('the body must be a JSON object: {"usccs": [...]} or {"names": [...]}');
  return body as Record<string, unknown>;
}

/** The subjects of a check body, or a 400 that says what is wrong. */
/**
 * interfaces.md gives `verdict` three values, decided by the result's lists, flags and public penalties. A subject
 * that resolved to no USCC (invalid, not_found, ambiguous) has none of them, so by that rule its verdict is
 * `clear`; `resolved: false` says that this `clear` means "nothing is known of this subject", which the page and
 * the workbook show as 无法核查 (docs/check.md).
 */
function apiResult(r: CheckResult) {
  return { ...r, verdict: r.verdict ?? 'clear', resolved: r.verdict !== null };
}

export function subjectsOf(body: Record<string, unknown>, max: number): Subject[] {
  const given = (['usccs', 'names'] as const).filter((k) => body[k] !== undefined);
  if (given.length !== 1) throw bad('send exactly one of "usccs" and "names", each a list of strings');
  const kind = given[0]!;
  const list = body[kind];
  if (!Array.isArray(list)) throw bad(`"${kind}" must be a list of strings`);
  if (list.length === 0) throw bad(`"${kind}" is empty: nothing to check`);
  if (list.length > max) throw bad(`at most ${max} subjects in one check; got ${list.length}`);
  const notString = list.findIndex((x) => typeof x !== 'string');
  if (notString >= 0) throw bad(`"${kind}"[${notString}] is not a string`);
  return (list as string[]).map((query) => ({ query, kind: kind === 'usccs' ? 'uscc' : 'name' }));
}

export function checkRoutes(deps: CheckDeps): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: BODY_LIMIT });

  router.post('/api/v1/checks', raw, async (req, res) => {
    const p = mustPrincipal(res);
    if (!mayCheck(p))
      throw new HttpError(403, 'forbidden', `role ${p.role} may read aggregates only; a credit check reads profiles`);
    const body = jsonBody(req.body);
    const subjects = subjectsOf(body, deps.config.checks.max_subjects);
    const purpose = purposeOf(deps.config, body.purpose);
    const answer = await runCheck(deps, req, p, { subjects, purpose, via: 'api' });
    res.setHeader('Cache-Control', 'private, no-store');
    res.json({ ...answer, results: answer.results.map(apiResult) });
  });

  router.post('/api/v1/checks/:id/feedback', raw, async (req, res) => {
    const p = mustPrincipal(res);
    const check = isCheckId(req.params.id) ? findCheck(deps.dataDir, req.params.id) : null;
    if (!check || !mayCheck(p)) throw new HttpError(404, 'unknown_check', `no check ${req.params.id}`);
    if (!mayGiveCheckFeedback(p, check))
      throw new HttpError(403, 'forbidden', 'feedback on a check is given by the department that made it');
    const body = jsonBody(req.body);
    if (typeof body.uscc !== 'string' || typeof body.reason !== 'string')
      throw bad('send {"uscc": "...", "reason": "..."}: the subject granted despite a restricted verdict, and why');
    let feedback;
    try {
      feedback = recordFeedback(
        deps.dataDir,
        {
          check_id: check.check_id,
          uscc: body.uscc,
          reason: body.reason,
          department: p.department,
          recorded_by: p.name,
        },
        deps.now(),
      );
    } catch (e) {
      if (e instanceof InputError) throw new HttpError(400, 'bad_feedback', e.message);
      throw e;
    }
    await deps.audit.record({
      user: p.name,
      role: p.role,
      via: p.via,
      action: 'check_feedback',
      target: `${check.check_id}|${feedback.uscc}`,
      filters: {},
      format: null,
      rows: null,
      build_id: check.build_id,
      ip: clientIp(req),
    });
    res.status(201).json(feedback);
  });
  return router;
}
