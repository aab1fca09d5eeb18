/**
 * A page's table as CSV or XLSX for people (pipelines/export/peopleTable.ts): read from the published build
 * the page reads, cached per build, scoped like the page (the caller passes the scope in `key` and the
 * read), audited like the page, and named in Chinese with the build's as-of.
 */
import type { Request, Response } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import type { Db } from '../../lib/db.js';
import { HttpError } from '../../lib/errors.js';
import { encodePeople, peopleRows, type PeopleFormat, type PeopleSheet } from '../../pipelines/export/peopleTable.js';
import { mustPrincipal } from '../authenticate.js';
import type { BuildHandle, PublishedBuilds } from '../publishedBuild.js';
import { oneOf } from './pageQuery.js';
import { clientIp } from './send.js';

export interface PageExport {
  /** What the audit line names as read: the page's path (and the subject, for one entity or project). */
  target: string;
  /** The page's filters, as the page's own audit line records them. */
  filters?: Record<string, string | null>;
  /** Every input of the sheets but the format, scope included: the cache key. */
  key: string;
  /** The file's name without the as-of and extension, e.g. 预警. */
  file: string;
  /** Pages whose export has several sheets offer XLSX only. */
  formats?: readonly PeopleFormat[];
  sheets: (db: Db, build: BuildHandle) => Promise<PeopleSheet[]>;
  /** The audit line's action: page_export unless the route always had another (violators: dataset_export). */
  action?: string;
}

const TYPES: Record<PeopleFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function sendPageExport(
  deps: { builds: PublishedBuilds; audit: AuditLog },
  req: Request,
  res: Response,
  spec: PageExport,
): Promise<void> {
  const principal = mustPrincipal(res);
  const formats = spec.formats ?? (['xlsx', 'csv'] as const);
  const format = oneOf(req.query as Record<string, unknown>, 'format', formats, formats[0]!);
  const answer = await deps.builds.with(async (build) => {
    if (!build) throw new HttpError(503, 'no_build', '尚无已发布的构建');
    const cached = await build.cache.getOrCompute(`page-export:${format}:${spec.key}`, async () => {
      const sheets = await build.query((db) => spec.sheets(db, build));
      return { body: await encodePeople(format, sheets, build.pointer), contentType: format, rows: peopleRows(sheets) };
    });
    return { cached, pointer: build.pointer };
  });
  const filters = Object.entries(spec.filters ?? {}).filter((e): e is [string, string] => e[1] !== null);
  await deps.audit.record({
    user: principal.name,
    role: principal.role,
    via: principal.via,
    action: spec.action ?? 'page_export',
    target: spec.target,
    filters: Object.fromEntries(filters),
    format,
    rows: answer.cached.rows,
    build_id: answer.pointer.build_id,
    ip: clientIp(req),
  });
  res.attachment(`${spec.file}-${answer.pointer.as_of}.${format}`);
  res.type(TYPES[format]);
  res.setHeader('Cache-Control', 'private, no-store');
  res.send(answer.cached.body);
}
