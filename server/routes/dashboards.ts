/**
 * The dashboard pages. Thin: parse the query, check the right, call the page's entry
 * (dashboards/<page>/index.ts; cached per published build, since a build never changes) and send.
 * Leaders get aggregates only: no entity lists, no profiles, no drill to enterprises; identity numbers
 * are masked except for admin and credit_office.
 */
import { Router, type Request } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import { mayViewProfiles, seesIdentityNumbers } from '../../lib/auth/roles.js';
import { departmentScope, scopedRows } from '../../lib/auth/scope.js';
import { HttpError } from '../../lib/errors.js';
import { heatmapCellView, heatmapView } from '../../dashboards/heatmap/index.js';
import { indicatorsView } from '../../dashboards/indicators/index.js';
import { overviewView } from '../../dashboards/overview/index.js';
import { notFoundView, profileView, rawRecordView, recordView } from '../../dashboards/profile/index.js';
import { RECORD_SOURCES } from '../../dashboards/profile/query.js';
import { projectsView, projectView } from '../../dashboards/projects/index.js';
import { publicityView } from '../../dashboards/publicity/index.js';
import { violatorsView } from '../../dashboards/violators/index.js';
import { warningsView } from '../../dashboards/warnings/index.js';
import { mustPrincipal } from '../authenticate.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { entityRights } from './entityRights.js';
import { heatmapCellQuery, USCC_SHAPE } from './pageParams.js';
import { pageExportRoutes } from './pageExports.js';
import { MONTH, oneOf, pageNumber, text } from './pageQuery.js';
import { warningFilter } from './warningFilter.js';
import { auditedPage, page, renderPage, sendPage } from './renderPage.js';
import { clientIp } from './send.js';
import { langOf } from './language.js';
import { filterQuery, violatorFilter } from './violatorFilter.js';
import { sendViolatorsExport } from './violatorsExport.js';
import { auditPageRoutes } from './auditPage.js';

interface Deps {
  builds: PublishedBuilds;
  audit: AuditLog;
  /** The heatmap's default minimum of active enterprises for a shaded rate (config heatmap.min_enterprises). */
  heatmapMinEnterprises?: number;
}

export function dashboardRoutes(deps: Deps): Router {
  const router = Router();
  const q = (req: Request) => req.query as Record<string, unknown>;
  // Before /projects/:id, so /projects/export is the board's export and not a project called "export".
  pageExportRoutes(router, deps);

  router.get('/overview', async (req, res) => {
    const p = mustPrincipal(res);
    const lists = mayViewProfiles(p);
    // A department user counts its own warnings only, as the warnings page lists them.
    const department = departmentScope(p, 'warnings');
    const key = `overview:${lists}${department === null ? '' : `:${department}`}`;
    await page(deps, req, res, '/overview', key, (db, _build, lang) =>
      overviewView(db, { entityLists: lists, department }, lang),
    );
  });

  router.get('/heatmap', async (req, res) => {
    const view = oneOf(q(req), 'view', ['township', 'month'] as const, 'township');
    const measure = oneOf(q(req), 'measure', ['rate', 'count'] as const, 'rate');
    const minText = text(q(req), 'min', /^\d{1,4}$/);
    const min = minText === null ? (deps.heatmapMinEnterprises ?? 5) : Number(minText);
    const drill = mayViewProfiles(mustPrincipal(res));
    await page(deps, req, res, '/heatmap', `heatmap:${view}:${drill}:${measure}:${min}`, (db, _build, lang) =>
      heatmapView(db, { view, drill, measure, min }, lang),
    );
  });

  router.get('/heatmap/cell', async (req, res) => {
    entityRights(mustPrincipal(res));
    const c = heatmapCellQuery(q(req));
    const read = { action: 'page_view', target: '/heatmap/cell', filters: { ...c } };
    await auditedPage(deps, req, res, '/heatmap', `cell:${JSON.stringify(c)}`, read, (db, _build, lang) =>
      heatmapCellView(db, c, lang),
    );
  });

  router.get('/violators', async (req, res) => {
    entityRights(mustPrincipal(res));
    const f = violatorFilter(q(req));
    const pageNo = pageNumber(q(req));
    const query = { ...filterQuery(f), page: pageNo > 1 ? String(pageNo) : null };
    const read = { action: 'page_view', target: '/violators', filters: query };
    await auditedPage(deps, req, res, '/violators', `violators:${JSON.stringify(query)}`, read, (db, _build, lang) =>
      violatorsView(db, { filter: f, query, page: pageNo }, lang),
    );
  });

  router.get('/violators/export', (req, res) => sendViolatorsExport(deps, req, res));

  router.get('/entities/:uscc', async (req, res) => {
    const principal = mustPrincipal(res);
    entityRights(principal);
    const uscc = req.params.uscc.toUpperCase();
    if (!USCC_SHAPE.test(uscc)) throw new HttpError(400, 'bad_uscc', `“${req.params.uscc}”不是 18 位统一社会信用代码`);
    const mask = !seesIdentityNumbers(principal);
    const visibleWarnings = (rows: Record<string, unknown>[]) => scopedRows(principal, 'warnings', rows);
    const out = await renderPage(
      deps,
      langOf(res),
      `profile:${uscc}:${mask}:${departmentScope(principal, 'warnings') ?? '*'}`,
      async (db, build, lang) =>
        (await profileView(db, { uscc, mask, asOf: build.pointer.as_of, visibleWarnings }, lang)) ?? notFoundView(lang),
    );
    // A look-up that finds nothing is still a look-up of that USCC: audited like any other.
    await deps.audit.record({
      user: principal.name,
      role: principal.role,
      via: principal.via,
      action: 'profile_view',
      target: uscc,
      filters: {},
      format: 'html',
      rows: null,
      build_id: out.pointer.build_id,
      ip: clientIp(req),
    });
    if (out.rows === -1) throw new HttpError(404, 'unknown_entity', `构建中没有 ${uscc} 的任何记录`);
    sendPage(req, res, '/violators', out);
  });

  router.get('/records', async (req, res) => {
    const principal = mustPrincipal(res);
    entityRights(principal);
    const eventId = text(q(req), 'event');
    const mask = !seesIdentityNumbers(principal);
    if (!eventId) {
      // A record that is not an event: its source, file id and row (links from the profile's other tables).
      const source = text(q(req), 'source');
      const file = Number(text(q(req), 'file', /^\d{1,9}$/));
      const row = Number(text(q(req), 'row', /^\d{1,9}$/));
      if (!source) throw new HttpError(400, 'bad_parameter', '缺少参数 event，或 source、file、row');
      if (!(RECORD_SOURCES as readonly string[]).includes(source))
        throw new HttpError(400, 'bad_parameter', `source 不能是 ${source}`);
      if (!Number.isInteger(file) || !Number.isInteger(row))
        throw new HttpError(400, 'bad_parameter', 'file 与 row 须为整数');
      const r = { source: source as (typeof RECORD_SOURCES)[number], file, row, mask };
      const read = { action: 'record_view', target: `${source}:${file}:${row}` };
      const key = `raw:${source}:${file}:${row}:${mask}`;
      await auditedPage(deps, req, res, '/violators', key, read, async (db, _build, lang) => {
        const view = await rawRecordView(db, r, lang);
        if (!view) throw new HttpError(404, 'unknown_record', `没有 ${source} 文件 ${file} 第 ${row} 行`);
        return view;
      });
      return;
    }
    const read = { action: 'record_view', target: eventId };
    await auditedPage(deps, req, res, '/violators', `record:${eventId}:${mask}`, read, async (db, _build, lang) => {
      const view = await recordView(db, { eventId, mask }, lang);
      if (!view) throw new HttpError(404, 'unknown_record', `没有事件 ${eventId}`);
      return view;
    });
  });

  // Leaders see the board without the drill to its parties (issue 18 item 15); /projects/:id stays theirs to refuse.
  router.get('/projects', async (req, res) => {
    const drill = mayViewProfiles(mustPrincipal(res));
    const read = { action: 'page_view', target: '/projects' };
    await auditedPage(deps, req, res, '/projects', `projects:${drill}`, read, (db, _build, lang) =>
      projectsView(db, lang, drill),
    );
  });

  router.get('/projects/:id', async (req, res) => {
    entityRights(mustPrincipal(res));
    const id = req.params.id;
    const read = { action: 'project_view', target: id };
    await auditedPage(deps, req, res, '/projects', `project:${id}`, read, async (db, _build, lang) => {
      const view = await projectView(db, { id }, lang);
      if (!view) throw new HttpError(404, 'unknown_project', `没有重点项目 ${id}`);
      return view;
    });
  });

  router.get('/publicity', async (req, res) => {
    const month = text(q(req), 'month', MONTH);
    const p = mustPrincipal(res);
    const department = departmentScope(p, 'publicity-quality');
    // The 退回清单 lists delivered rows of enterprises: linked for every role but leaders.
    const returns = mayViewProfiles(p);
    const key = `publicity:${month}:${returns}${department === null ? '' : `:${department}`}`;
    await page(deps, req, res, '/publicity', key, (db, build, lang) =>
      publicityView(db, { month, department, asOf: build.pointer.as_of, returns }, lang),
    );
  });

  router.get('/indicators', async (req, res) => {
    await page(deps, req, res, '/indicators', 'indicators', (db, _build, lang) => indicatorsView(db, lang));
  });

  router.get('/warnings', async (req, res) => {
    const p = mustPrincipal(res);
    entityRights(p);
    const department = departmentScope(p, 'warnings');
    const filter = warningFilter(q(req));
    const pageNo = pageNumber(q(req));
    const query = { ...filter, page: pageNo > 1 ? String(pageNo) : null };
    const key = `warnings:${JSON.stringify(query)}${department === null ? '' : `:${department}`}`;
    const read = { action: 'page_view', target: '/warnings', filters: query };
    await auditedPage(deps, req, res, '/warnings', key, read, (db, build, lang) =>
      warningsView(db, { filter, query, page: pageNo, department, asOf: build.pointer.as_of }, lang),
    );
  });

  auditPageRoutes(router, deps);
  return router;
}
