import { Router } from 'express';
import { USCC_CHARSET } from '../../lib/validate/uscc.js';
import { mayViewProfiles, seesIdentityNumbers, type Principal } from '../../lib/auth/roles.js';
import { scopedRows } from '../../lib/auth/scope.js';
import { maskRow } from '../../pipelines/export/mask.js';
import type { AuditLog } from '../../lib/auth/audit.js';
import { mustPrincipal } from '../authenticate.js';
import { HttpError } from '../../lib/errors.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { entityProfile, mainTables } from '../../dashboards/profile/entity.js';
import { clientIp } from './send.js';

const USCC_SHAPE = new RegExp(`^[${USCC_CHARSET}]{18}$`);

/** A profile's warnings as the warnings dataset would show them to `p` (a department user: its own only). */
function scopeWarnings(p: Principal, sections: Record<string, unknown>): Record<string, unknown> {
  const warnings = sections.warnings;
  if (!Array.isArray(warnings)) return sections;
  return { ...sections, warnings: scopedRows(p, 'warnings', warnings as Record<string, unknown>[]) };
}

function maskDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(maskDeep);
  if (v !== null && typeof v === 'object') return maskRow(v as Record<string, unknown>);
  return v;
}

export function entityRoutes(deps: { builds: PublishedBuilds; audit: AuditLog }): Router {
  const router = Router();
  router.get('/api/v1/entities/:uscc', async (req, res) => {
    const principal = mustPrincipal(res);
    if (!mayViewProfiles(principal))
      throw new HttpError(403, 'forbidden', `role ${principal.role} may read aggregates only, not entity profiles`);
    const uscc = req.params.uscc.toUpperCase();
    if (!USCC_SHAPE.test(uscc))
      throw new HttpError(400, 'bad_uscc', `"${req.params.uscc}" is not an 18-character unified social credit code`);
    const answer = await deps.builds.with(async (build) => {
      if (!build) throw new HttpError(503, 'no_build', 'no build has been published yet; run `sentinel build` first');
      const profile = await build.query(async (db) => entityProfile(db, await mainTables(db), uscc));
      return { build, profile };
    });
    // A look-up that finds nothing is still a look-up of that USCC: audited like any other.
    await deps.audit.record({
      user: principal.name,
      role: principal.role,
      via: principal.via,
      action: 'profile_view',
      target: uscc,
      filters: {},
      format: 'json',
      rows: null,
      build_id: answer.build.pointer.build_id,
      ip: clientIp(req),
    });
    if (!answer.profile.found)
      throw new HttpError(404, 'unknown_entity', `no record of ${uscc} in build ${answer.build.pointer.build_id}`);
    const scoped = scopeWarnings(principal, answer.profile.sections);
    const sections = seesIdentityNumbers(principal) ? scoped : (maskDeep(scoped) as Record<string, unknown>);
    res.setHeader('Cache-Control', 'private, no-store');
    res.json({ as_of: answer.build.pointer.as_of, build_id: answer.build.pointer.build_id, uscc, ...sections });
  });
  return router;
}
