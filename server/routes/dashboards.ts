/**
 * The dashboard pages. Thin: parse the query, check the right, read one query (cached per published
 * build, since a build never changes), render. Leaders get aggregates only: no entity lists, no
 * profiles, no drill to enterprises; identity numbers are masked except for admin and credit_office.
 */
import { Router, type Request, type Response } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import { mayViewProfiles, seesIdentityNumbers, type Principal } from '../../lib/auth/roles.js';
import type { Db } from '../../lib/db.js';
import { HttpError } from '../../lib/errors.js';
import { USCC_CHARSET } from '../../lib/validate/uscc.js';
import { encode, type ExportRow } from '../../pipelines/export/formats.js';
import { heatmapCellView, heatmapView } from '../../dashboards/heatmap/index.js';
import { indicatorsView } from '../../dashboards/indicators/index.js';
import { overviewView } from '../../dashboards/overview/index.js';
import { notFoundView, profileView, rawRecordView, recordView } from '../../dashboards/profile/index.js';
import { RECORD_SOURCES } from '../../dashboards/profile/query.js';
import { projectsView, projectView } from '../../dashboards/projects/index.js';
import { publicityView } from '../../dashboards/publicity/index.js';
import { Html } from '../../dashboards/ui/html.js';
import type { Lang } from '../../dashboards/ui/i18n.js';
import { layout } from '../../dashboards/ui/layout.js';
import type { PageView } from '../../dashboards/ui/pageView.js';
import { violatorsView } from '../../dashboards/violators/index.js';
import { KINDS, sortable, VIOLATOR_KINDS, violators, type ViolatorFilter } from '../../dashboards/violators/query.js';
import { warningsView } from '../../dashboards/warnings/index.js';
import { mustPrincipal } from '../authenticate.js';
import type { BuildHandle, PublishedBuilds } from '../publishedBuild.js';
import { CODE, DATE, MONTH, oneOf, pageNumber, text } from './pageQuery.js';
import { clientIp } from './send.js';
import { langOf } from './language.js';

const USCC_SHAPE = new RegExp(`^[${USCC_CHARSET}]{18}$`);

type Render = (db: Db, build: BuildHandle, lang: Lang) => Promise<PageView>;

interface Deps {
  builds: PublishedBuilds;
  audit: AuditLog;
}

function entityRights(p: Principal): void {
  if (!mayViewProfiles(p)) throw new HttpError(403, 'forbidden', `角色“领导”只能查看汇总数据，不能查看企业名单或画像`);
}

interface Rendered {
  title: string;
  body: string;
  rows: number;
  pointer: BuildHandle['pointer'];
}

/**
 * A page body from the published build, cached per build under `key` (which must hold every input,
 * masking included) and the language: a body rendered in English must never answer a Chinese request.
 */
async function renderPage(deps: Deps, lang: Lang, key: string, render: Render): Promise<Rendered> {
  return deps.builds.with(async (build) => {
    if (!build) throw new HttpError(503, 'no_build', '尚无已发布的构建：请先运行 sentinel build');
    const cached = await build.cache.getOrCompute(`page:${lang}:${key}`, async () => {
      const out = await build.query((db) => render(db, build, lang));
      return {
        body: Buffer.from(JSON.stringify({ title: out.title, body: out.body.value })),
        contentType: 'text/html',
        rows: out.rows ?? 0,
      };
    });
    const { title, body } = JSON.parse(cached.body.toString('utf8')) as { title: string; body: string };
    return { title, body, rows: cached.rows, pointer: build.pointer };
  });
}

function sendPage(req: Request, res: Response, path: string, r: Rendered): void {
  res.type('html').send(
    layout(
      {
        title: r.title,
        path,
        principal: mustPrincipal(res),
        build: r.pointer,
        lang: langOf(res),
        url: req.originalUrl,
      },
      new Html(r.body),
    ),
  );
}

async function page(deps: Deps, req: Request, res: Response, path: string, key: string, render: Render): Promise<void> {
  sendPage(req, res, path, await renderPage(deps, langOf(res), key, render));
}

function violatorFilter(query: Record<string, unknown>): ViolatorFilter {
  const kind = oneOf(query, 'kind', VIOLATOR_KINDS, 'repeat');
  const sort = oneOf(query, 'sort', sortable(kind), KINDS[kind].defaultSort);
  return {
    kind,
    domain: text(query, 'domain', CODE),
    department: text(query, 'department'),
    township: text(query, 'township', /^\d{6,12}$/),
    sector: text(query, 'sector', /^[A-Z]$/),
    from: text(query, 'from', DATE),
    to: text(query, 'to', DATE),
    sort,
    desc: oneOf(query, 'dir', ['asc', 'desc'], 'desc') === 'desc',
  };
}

function filterQuery(f: ViolatorFilter): Record<string, string | null> {
  return {
    kind: f.kind,
    domain: f.domain,
    department: f.department,
    township: f.township,
    sector: f.sector,
    from: f.from,
    to: f.to,
    sort: f.sort,
    dir: f.desc ? 'desc' : 'asc',
  };
}

export function dashboardRoutes(deps: Deps): Router {
  const router = Router();
  const q = (req: Request) => req.query as Record<string, unknown>;

  router.get('/overview', async (req, res) => {
    const lists = mayViewProfiles(mustPrincipal(res));
    await page(deps, req, res, '/overview', `overview:${lists}`, (db, _build, lang) =>
      overviewView(db, { entityLists: lists }, lang),
    );
  });

  router.get('/heatmap', async (req, res) => {
    const view = oneOf(q(req), 'view', ['township', 'month'] as const, 'township');
    const drill = mayViewProfiles(mustPrincipal(res));
    await page(deps, req, res, '/heatmap', `heatmap:${view}:${drill}`, (db, _build, lang) =>
      heatmapView(db, { view, drill }, lang),
    );
  });

  router.get('/heatmap/cell', async (req, res) => {
    entityRights(mustPrincipal(res));
    const cell = {
      sector: text(q(req), 'sector', /^[A-Z]$/),
      region: text(q(req), 'region', /^\d{6,12}$/),
      month: text(q(req), 'month', MONTH),
    };
    if (!cell.sector) throw new HttpError(400, 'bad_parameter', '缺少参数 sector');
    const c = { sector: cell.sector, region: cell.region, month: cell.month };
    await page(deps, req, res, '/heatmap', `cell:${JSON.stringify(c)}`, (db, _build, lang) =>
      heatmapCellView(db, c, lang),
    );
  });

  router.get('/violators', async (req, res) => {
    entityRights(mustPrincipal(res));
    const f = violatorFilter(q(req));
    const pageNo = pageNumber(q(req));
    const query = { ...filterQuery(f), page: pageNo > 1 ? String(pageNo) : null };
    await page(deps, req, res, '/violators', `violators:${JSON.stringify(query)}`, (db, _build, lang) =>
      violatorsView(db, { filter: f, query, page: pageNo }, lang),
    );
  });

  router.get('/violators/export', async (req, res) => {
    const principal = mustPrincipal(res);
    entityRights(principal);
    const f = violatorFilter(q(req));
    const format = oneOf(q(req), 'format', ['csv', 'xlsx'] as const, 'csv');
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
      filters: Object.fromEntries(Object.entries(filterQuery(f)).filter(([, v]) => v !== null)) as Record<
        string,
        string
      >,
      format,
      rows: answer.cached.rows,
      build_id: answer.build.build_id,
      ip: clientIp(req),
    });
    res.attachment(answer.name);
    res.type(
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(answer.cached.body);
  });

  router.get('/entities/:uscc', async (req, res) => {
    const principal = mustPrincipal(res);
    entityRights(principal);
    const uscc = req.params.uscc.toUpperCase();
    if (!USCC_SHAPE.test(uscc)) throw new HttpError(400, 'bad_uscc', `“${req.params.uscc}”不是 18 位统一社会信用代码`);
    const mask = !seesIdentityNumbers(principal);
    const out = await renderPage(
      deps,
      langOf(res),
      `profile:${uscc}:${mask}`,
      async (db, build, lang) =>
        (await profileView(db, { uscc, mask, asOf: build.pointer.as_of }, lang)) ?? notFoundView(lang),
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
      const file = Number(text(q(req), 'file'));
      const row = Number(text(q(req), 'row'));
      if (!source) throw new HttpError(400, 'bad_parameter', '缺少参数 event，或 source、file、row');
      if (!(RECORD_SOURCES as readonly string[]).includes(source))
        throw new HttpError(400, 'bad_parameter', `source 不能是 ${source}`);
      if (!Number.isInteger(file) || !Number.isInteger(row))
        throw new HttpError(400, 'bad_parameter', 'file 与 row 须为整数');
      const r = { source: source as (typeof RECORD_SOURCES)[number], file, row, mask };
      await page(deps, req, res, '/violators', `raw:${source}:${file}:${row}:${mask}`, async (db, _build, lang) => {
        const view = await rawRecordView(db, r, lang);
        if (!view) throw new HttpError(404, 'unknown_record', `没有 ${source} 文件 ${file} 第 ${row} 行`);
        return view;
      });
      return;
    }
    await page(deps, req, res, '/violators', `record:${eventId}:${mask}`, async (db, _build, lang) => {
      const view = await recordView(db, { eventId, mask }, lang);
      if (!view) throw new HttpError(404, 'unknown_record', `没有事件 ${eventId}`);
      return view;
    });
  });

  router.get('/projects', async (req, res) => {
    entityRights(mustPrincipal(res));
    await page(deps, req, res, '/projects', 'projects', (db, _build, lang) => projectsView(db, lang));
  });

  router.get('/projects/:id', async (req, res) => {
    entityRights(mustPrincipal(res));
    const id = req.params.id;
    await page(deps, req, res, '/projects', `project:${id}`, async (db, _build, lang) => {
      const view = await projectView(db, { id }, lang);
      if (!view) throw new HttpError(404, 'unknown_project', `没有重点项目 ${id}`);
      return view;
    });
  });

  router.get('/publicity', async (req, res) => {
    const month = text(q(req), 'month', MONTH);
    await page(deps, req, res, '/publicity', `publicity:${month}`, (db, _build, lang) =>
      publicityView(db, { month }, lang),
    );
  });

  router.get('/indicators', async (req, res) => {
    await page(deps, req, res, '/indicators', 'indicators', (db, _build, lang) => indicatorsView(db, lang));
  });

  router.get('/warnings', async (req, res) => {
    entityRights(mustPrincipal(res));
    const filter = {
      kind: text(q(req), 'kind', CODE),
      level: text(q(req), 'level', CODE),
      status: text(q(req), 'status', CODE),
    };
    const pageNo = pageNumber(q(req));
    const query = { ...filter, page: pageNo > 1 ? String(pageNo) : null };
    await page(deps, req, res, '/warnings', `warnings:${JSON.stringify(query)}`, (db, _build, lang) =>
      warningsView(db, { filter, query, page: pageNo }, lang),
    );
  });
  return router;
}
