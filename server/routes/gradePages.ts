/**
 * 信用分级分类监管 (docs/rules.md "Credit grades"): the grade heatmap every role reads (leaders: aggregates
 * only, no drill), a cell's entities, the distribution as a file, and a department's 双随机 list (XLSX).
 * Thin: parse, check the right (lib/auth), call dashboards/grades and send.
 */
import { Router, type Request } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import { mayViewProfiles } from '../../lib/auth/roles.js';
import { departmentScope } from '../../lib/auth/scope.js';
import { HttpError } from '../../lib/errors.js';
import { gradesSheets, inspectionsSheets } from '../../dashboards/grades/export.js';
import { gradeCellView, gradesView } from '../../dashboards/grades/index.js';
import { mustPrincipal } from '../authenticate.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { entityRights } from './entityRights.js';
import { sendPageExport } from './pageExport.js';
import { oneOf, text } from './pageQuery.js';
import { auditedPage, page } from './renderPage.js';

interface Deps {
  builds: PublishedBuilds;
  audit: AuditLog;
  /** The shading minimum of active entities (config heatmap.min_enterprises), as on the sector heatmap. */
  heatmapMinEnterprises?: number;
}

export function gradePageRoutes(deps: Deps): Router {
  const router = Router();
  const q = (req: Request) => req.query as Record<string, unknown>;
  const show = (req: Request) => oneOf(q(req), 'show', ['cd', 'd'] as const, 'cd');

  router.get('/grades', async (req, res) => {
    const p = mustPrincipal(res);
    const minText = text(q(req), 'min', /^\d{1,4}$/);
    const min = minText === null ? (deps.heatmapMinEnterprises ?? 5) : Number(minText);
    const drill = mayViewProfiles(p);
    const department = departmentScope(p, 'credit-grade-inspections');
    const s = show(req);
    const key = `grades:${s}:${min}:${drill}:${department ?? '*'}`;
    await page(deps, req, res, '/grades', key, (db, _build, lang) =>
      gradesView(db, { show: s, min, drill, department }, lang),
    );
  });

  router.get('/grades/cell', async (req, res) => {
    entityRights(mustPrincipal(res));
    const sector = text(q(req), 'sector', /^[A-Z]$/);
    if (!sector) throw new HttpError(400, 'bad_parameter', '缺少参数 sector');
    const cell = { sector, region: text(q(req), 'region', /^\d{6,12}$/) };
    const s = show(req);
    const read = { action: 'page_view', target: '/grades/cell', filters: { ...cell, show: s } };
    await auditedPage(deps, req, res, '/grades', `grade-cell:${JSON.stringify(cell)}:${s}`, read, (db, _build, lang) =>
      gradeCellView(db, cell, s, lang),
    );
  });

  router.get('/grades/export', async (req, res) => {
    await sendPageExport(deps, req, res, {
      target: '/grades',
      key: 'grades',
      file: '信用等级分布',
      sheets: (db) => gradesSheets(db),
    });
  });

  router.get('/grades/inspections/export', async (req, res) => {
    const p = mustPrincipal(res);
    entityRights(p);
    const own = departmentScope(p, 'credit-grade-inspections');
    const asked = text(q(req), 'department');
    if (own !== null && asked !== null && asked !== own)
      throw new HttpError(403, 'forbidden', `部门用户只能下载本部门（${own}）的双随机抽查名单`);
    const department = own ?? asked;
    if (department === null) throw new HttpError(400, 'bad_parameter', '缺少参数 department');
    await sendPageExport(deps, req, res, {
      target: '/grades/inspections',
      filters: { department },
      key: `grade-inspections:${department}`,
      file: `双随机抽查名单-${department}`,
      formats: ['xlsx'],
      sheets: (db) => inspectionsSheets(db, department),
    });
  });

  return router;
}
