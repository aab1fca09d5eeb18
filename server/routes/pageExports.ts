/**
 * Every page table as a file for people (issue 18 item 9): `<page>/export?format=xlsx|csv` beside each page,
 * with the page's own parameters, rights and scope. The interfaces.md datasets stay at /api/v1/datasets.
 */
import type { Request, Router } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import { seesIdentityNumbers } from '../../lib/auth/roles.js';
import { departmentScope, scopedRows } from '../../lib/auth/scope.js';
import { HttpError } from '../../lib/errors.js';
import { cellSheets, heatmapSheets } from '../../dashboards/heatmap/export.js';
import { indicatorsSheets } from '../../dashboards/indicators/export.js';
import { profileSheets } from '../../dashboards/profile/export.js';
import { projectSheets, projectsSheets } from '../../dashboards/projects/export.js';
import { publicitySheets } from '../../dashboards/publicity/export.js';
import { shownMonth } from '../../dashboards/publicity/index.js';
import { publicityMonths } from '../../dashboards/publicity/query.js';
import { warningsSheets } from '../../dashboards/warnings/export.js';
import { mustPrincipal } from '../authenticate.js';
import type { PublishedBuilds } from '../publishedBuild.js';
import { entityRights } from './entityRights.js';
import { heatmapCellQuery, USCC_SHAPE } from './pageParams.js';
import { sendPageExport } from './pageExport.js';
import { sendReturnList } from './returnListExport.js';
import { MONTH, oneOf, text } from './pageQuery.js';
import { warningFilter } from './warningFilter.js';

interface Deps {
  builds: PublishedBuilds;
  audit: AuditLog;
}

const scopeKey = (department: string | null) => (department === null ? '' : `:${department}`);

export function pageExportRoutes(router: Router, deps: Deps): void {
  const q = (req: Request) => req.query as Record<string, unknown>;

  router.get('/warnings/export', async (req, res) => {
    const p = mustPrincipal(res);
    entityRights(p);
    const department = departmentScope(p, 'warnings');
    const filter = warningFilter(q(req));
    await sendPageExport(deps, req, res, {
      target: '/warnings',
      filters: { ...filter },
      key: `warnings:${JSON.stringify(filter)}${scopeKey(department)}`,
      file: '预警',
      sheets: (db, build) => warningsSheets(db, { filter, department, asOf: build.pointer.as_of }),
    });
  });

  // The board names projects, never enterprises: every role may have it, leaders included (issue 18 item 15).
  router.get('/projects/export', async (req, res) => {
    await sendPageExport(deps, req, res, {
      target: '/projects',
      key: 'projects',
      file: '重点项目',
      sheets: (db) => projectsSheets(db),
    });
  });

  router.get('/projects/:id/export', async (req, res) => {
    entityRights(mustPrincipal(res));
    const id = req.params.id;
    await sendPageExport(deps, req, res, {
      target: id,
      key: `project:${id}`,
      file: `重点项目-${id}`,
      formats: ['xlsx'],
      sheets: async (db) => {
        const sheets = await projectSheets(db, id);
        if (!sheets) throw new HttpError(404, 'unknown_project', `没有重点项目 ${id}`);
        return sheets;
      },
    });
  });

  router.get('/publicity/export', async (req, res) => {
    const asked = text(q(req), 'month', MONTH);
    const department = departmentScope(mustPrincipal(res), 'publicity-quality');
    await sendPageExport(deps, req, res, {
      target: '/publicity',
      filters: { month: asked },
      key: `publicity:${asked}${scopeKey(department)}`,
      file: '双公示质量',
      sheets: async (db, build) => {
        const month = asked ?? shownMonth(await publicityMonths(db, department), build.pointer.as_of);
        return publicitySheets(db, { month, department });
      },
    });
  });

  router.get('/indicators/export', async (req, res) => {
    await sendPageExport(deps, req, res, {
      target: '/indicators',
      key: 'indicators',
      file: '信用监测指标',
      sheets: (db) => indicatorsSheets(db),
    });
  });

  router.get('/heatmap/export', async (req, res) => {
    const view = oneOf(q(req), 'view', ['township', 'month'] as const, 'township');
    await sendPageExport(deps, req, res, {
      target: '/heatmap',
      filters: { view },
      key: `heatmap:${view}`,
      file: view === 'township' ? '行业热力图-乡镇' : '行业热力图-月份',
      sheets: (db) => heatmapSheets(db, view),
    });
  });

  router.get('/heatmap/cell/export', async (req, res) => {
    entityRights(mustPrincipal(res));
    const cell = heatmapCellQuery(q(req));
    await sendPageExport(deps, req, res, {
      target: '/heatmap/cell',
      filters: { ...cell },
      key: `cell:${JSON.stringify(cell)}`,
      file: '热力图明细',
      sheets: (db) => cellSheets(db, cell),
    });
  });

  router.get('/quarantine/returns', (req, res) =>
    sendReturnList({ dataDir: deps.builds.dataDir, audit: deps.audit }, req, res),
  );

  router.get('/entities/:uscc/export', async (req, res) => {
    const principal = mustPrincipal(res);
    entityRights(principal);
    const uscc = req.params.uscc.toUpperCase();
    if (!USCC_SHAPE.test(uscc)) throw new HttpError(400, 'bad_uscc', `“${req.params.uscc}”不是 18 位统一社会信用代码`);
    const mask = !seesIdentityNumbers(principal);
    const visibleWarnings = (rows: Record<string, unknown>[]) => scopedRows(principal, 'warnings', rows);
    await sendPageExport(deps, req, res, {
      action: 'profile_export',
      target: uscc,
      key: `profile:${uscc}:${mask}:${departmentScope(principal, 'warnings') ?? '*'}`,
      file: `企业信用画像-${uscc}`,
      formats: ['xlsx'],
      sheets: async (db, build) => {
        const sheets = await profileSheets(db, { uscc, mask, asOf: build.pointer.as_of, visibleWarnings });
        if (!sheets) throw new HttpError(404, 'unknown_entity', `构建中没有 ${uscc} 的任何记录`);
        return sheets;
      },
    });
  });
}
