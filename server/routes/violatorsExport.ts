/**
 * The violators list as CSV or XLSX: the whole filtered list (no paging), cached per published build,
 * audited as a dataset export.
 */
import type { Request, Response } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import { encode, type ExportRow } from '../../pipelines/export/formats.js';
import { HttpError } from '../../lib/errors.js';
import { KINDS, violators } from '../../dashboards/violators/query.js';
import { mustPrincipal } from '../authenticate.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { entityRights } from './entityRights.js';
import { oneOf } from './pageQuery.js';
import { clientIp } from './send.js';
import { filterQuery, violatorFilter } from './violatorFilter.js';

export async function sendViolatorsExport(
  deps: { builds: PublishedBuilds; audit: AuditLog },
  req: Request,
  res: Response,
): Promise<void> {
  const q = req.query as Record<string, unknown>;
  const principal = mustPrincipal(res);
  entityRights(principal);
  const f = violatorFilter(q);
  const format = oneOf(q, 'format', ['csv', 'xlsx'] as const, 'csv');
  const answer = await deps.builds.with(async (build) => {
    if (!build) throw new HttpError(503, 'no_build', '尚无已发布的构建');
    const k = KINDS[f.kind];
    const columns = [...k.columns, 'sector', 'region_code'];
    const cached = await build.cache.getOrCompute(
      `violators-export:${format}:${JSON.stringify(filterQuery(f))}`,
      async () => {
        const { rows } = await build.query((db) => violators(db, f, null));
        return {
          body: await encode(format, k.table, columns, rows as ExportRow[]),
          contentType: format,
          rows: rows.length,
        };
      },
    );
    return {
      cached,
      build: build.pointer,
      name: `${k.table.replaceAll('_', '-')}-${build.pointer.build_id}.${format}`,
    };
  });
  await deps.audit.record({
    user: principal.name,
    role: principal.role,
    via: principal.via,
    action: 'dataset_export',
    target: `violators:${f.kind}`,
    filters: Object.fromEntries(Object.entries(filterQuery(f)).filter(([, v]) => v !== null)) as Record<string, string>,
    format,
    rows: answer.cached.rows,
    build_id: answer.build.build_id,
    ip: clientIp(req),
  });
  res.attachment(answer.name);
  res.type(
    format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  res.setHeader('Cache-Control', 'private, no-store');
  res.send(answer.cached.body);
}
