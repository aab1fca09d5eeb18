/**
 * The violators list as CSV or XLSX for people (dashboards/violators/export.ts): the whole filtered list
 * (no paging), cached per published build, audited as a dataset export as it always was.
 */
import type { Request, Response } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import { violatorsSheets } from '../../dashboards/violators/export.js';
import { KIND_LABELS } from '../../dashboards/violators/page.js';
import { mustPrincipal } from '../authenticate.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { entityRights } from './entityRights.js';
import { sendPageExport } from './pageExport.js';
import { filterQuery, violatorFilter } from './violatorFilter.js';

export async function sendViolatorsExport(
  deps: { builds: PublishedBuilds; audit: AuditLog },
  req: Request,
  res: Response,
): Promise<void> {
  entityRights(mustPrincipal(res));
  const f = violatorFilter(req.query as Record<string, unknown>);
  const filters = filterQuery(f);
  await sendPageExport(deps, req, res, {
    action: 'dataset_export',
    target: `violators:${f.kind}`,
    filters,
    key: `violators:${JSON.stringify(filters)}`,
    file: KIND_LABELS[f.kind],
    formats: ['csv', 'xlsx'],
    sheets: (db) => violatorsSheets(db, f),
  });
}
