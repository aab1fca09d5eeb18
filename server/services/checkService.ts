/**
 * One credit check as the API and the 核查 page run it: the subjects checked against the published
 * build (dashboards/check/query.ts), the check recorded (核查记录, lib/checks/store.ts) and audited as
 * a read of entity data. The callers decide rights and parse input; this only runs and keeps.
 */
import type { Request } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import type { Principal } from '../../lib/auth/roles.js';
import type { Config } from '../../lib/config/schema.js';
import { countVerdicts, newCheckId, type CheckRecord } from '../../lib/checks/store.js';
import { HttpError } from '../../lib/errors.js';
import { readReviewedNames } from '../../lib/nameReview/store.js';
import { missingCheckMarts, type CheckResult, type Subject } from '../../dashboards/check/query.js';
import type { BuildHandle, PublishedBuilds } from '../publishedBuild.js';
import { CheckBatcher } from './checkBatcher.js';
import { checkRecorder } from './checkRecorder.js';
import { clientIp } from '../routes/send.js';

export interface CheckDeps {
  dataDir: string;
  builds: PublishedBuilds;
  audit: AuditLog;
  config: Readonly<Config>;
  now: () => Date;
}

export interface CheckRequest {
  subjects: readonly Subject[];
  purpose: string | null;
  via: CheckRecord['via'];
  upload?: CheckRecord['upload'];
}

export interface CheckAnswer {
  as_of: string;
  build_id: string;
  check_id: string;
  results: CheckResult[];
}

/** The purpose as recorded: one of the configured purposes, or none. */
export function purposeOf(config: Readonly<Config>, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !config.checks.purposes.includes(value))
    throw new HttpError(
      400,
      'bad_purpose',
      `核查用途应为 ${config.checks.purposes.join('、')} 之一，收到“${String(value)}”`,
    );
  return value;
}

/** A published build never changes: whether it has the check marts is asked once per build. */
const martsChecked = new WeakMap<BuildHandle, Promise<string[]>>();
/** One batcher per build: small checks arriving together share a statement (checkBatcher.ts). */
const batchers = new WeakMap<BuildHandle, CheckBatcher>();

function batcherOf(build: BuildHandle, config: Readonly<Config>, dataDir: string): CheckBatcher {
  let b = batchers.get(build);
  if (!b)
    batchers.set(build, (b = new CheckBatcher(build, config, build.connections, () => readReviewedNames(dataDir))));
  return b;
}

export async function runCheck(deps: CheckDeps, req: Request, p: Principal, c: CheckRequest): Promise<CheckAnswer> {
  const { pointer, results } = await deps.builds.with(async (build) => {
    if (!build) throw new HttpError(503, 'no_build', 'no build has been published yet; run `sentinel build` first');
    let marts = martsChecked.get(build);
    if (!marts) martsChecked.set(build, (marts = build.query(missingCheckMarts)));
    const missing = await marts;
    if (missing.length)
      throw new HttpError(
        503,
        'no_check_marts',
        `the published build ${build.pointer.build_id} lacks ${missing.join(', ')}; build again to check`,
      );
    return { pointer: build.pointer, results: await batcherOf(build, deps.config, deps.dataDir).check(c.subjects) };
  });
  const now = deps.now();
  const checkId = newCheckId(now);
  // Both lines must be on disk before the answer leaves; neither needs the other, so they are written at once.
  const recorded = checkRecorder(deps.dataDir).record({
    check_id: checkId,
    checked_at: now.toISOString(),
    user: p.name,
    role: p.role,
    department: p.department,
    purpose: c.purpose,
    via: c.via,
    as_of: pointer.as_of,
    build_id: pointer.build_id,
    subjects: results.length,
    verdicts: countVerdicts(results),
    upload: c.upload ?? null,
    results: results.map((r) => ({
      query: r.query,
      match: r.match,
      uscc: r.uscc,
      name: r.name,
      verdict: r.verdict,
      lists: [...new Set(r.lists.map((l) => l.list))],
      flags: r.flags,
      measures: r.measures.map((m) => m.code),
      public_penalties: r.public_penalties.length,
      ...(r.resolved_by ? { resolved_by: r.resolved_by } : {}),
    })),
  });
  const audited = deps.audit.record({
    user: p.name,
    role: p.role,
    via: p.via,
    action: 'credit_check',
    target: checkId,
    filters: { purpose: c.purpose ?? '', via: c.via },
    format: c.via === 'api' ? 'json' : 'html',
    rows: results.length,
    build_id: pointer.build_id,
    ip: clientIp(req),
  });
  await Promise.all([recorded, audited]);
  return { as_of: pointer.as_of, build_id: pointer.build_id, check_id: checkId, results };
}
