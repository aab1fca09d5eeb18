/**
 * Every read of entity data is audited (issue 12 item 10): each entity page, drill page, export and API
 * read leaves exactly one line naming the user, what was read and the build; a CLI export too; and the
 * lines all of them wrote form one unbroken chain.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../lib/auth/audit.js';
import { verifyAudit } from '../../lib/auth/auditVerify.js';
import { DATASETS } from '../../lib/datasets.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { NAV } from '../../dashboards/ui/nav.js';
import { dashboardWorld, type DashboardWorld } from '../server/dashboardsWorld.js';
import { bearer } from '../server/harness.js';
import { shape, walk } from './pageWalk.js';

const BIN = fileURLToPath(new URL('../../bin/sentinel.js', import.meta.url));
let world: DashboardWorld;
let entityUrls: Map<string, string>;

/** Every route that shows entity data, by shape, and the action its audit line carries. */
const ENTITY_ROUTES: Record<string, string> = {
  '/violators?': 'page_view',
  '/violators/export?format': 'dataset_export',
  '/entities/:id?': 'profile_view',
  '/records?event': 'record_view',
  '/records?file&row&source': 'record_view',
  '/projects?': 'page_view',
  '/projects/:id?': 'project_view',
  '/warnings?': 'page_view',
  '/heatmap/cell?sector': 'page_view',
  '/follow-up?': 'follow_up_view',
  // Page exports (issue 18 items 9 and 10).
  '/warnings/export?format': 'page_export',
  '/heatmap/cell/export?format&sector': 'page_export',
  '/quarantine/returns?': 'dataset_export',
};

beforeAll(async () => {
  world = await dashboardWorld();
  const visited = await walk(
    world.server,
    world.tokens.analyst,
    NAV.filter((n) => n.visible?.({ name: 'analyst', role: 'analyst', department: null, via: 'token' }) !== false).map(
      (n) => n.href,
    ),
    200,
  );
  entityUrls = new Map(visited.filter((v) => v.status === 200).map((v) => [shape(v.url), v.url]));
}, 600_000);

afterAll(async () => {
  await world?.server.stop();
});

/** A visited URL of the route: the same path, with at least the shape's query parameters. */
function urlOf(routeShape: string): string | undefined {
  const [path, keys] = routeShape.split('?') as [string, string];
  const wanted = keys ? keys.split('&') : [];
  for (const [s, url] of entityUrls) {
    const [p, k] = s.split('?') as [string, string];
    if (p === path && wanted.every((w) => k.split('&').includes(w))) return url;
  }
  return undefined;
}

/** The lines one request added to the audit log. */
async function linesOf(path: string, token: string) {
  const before = (await readAudit(world.dataDir)).length;
  const res = await fetch(`${world.server.url}${path}`, bearer(token));
  await res.arrayBuffer();
  return { status: res.status, lines: (await readAudit(world.dataDir)).slice(before) };
}

describe('the audit log', () => {
  it('has one line for every page and drill page of entity data', async () => {
    const buildId = readPointer(world.dataDir)!.build_id;
    for (const [routeShape, action] of Object.entries(ENTITY_ROUTES)) {
      const url = urlOf(routeShape);
      expect(url, `no link to ${routeShape} on any page`).toBeDefined();
      const { status, lines } = await linesOf(url!, world.tokens.analyst);
      expect(status, url).toBe(200);
      expect(lines, url).toHaveLength(1);
      expect(lines[0], url).toMatchObject({ user: 'ana', role: 'analyst', action, build_id: buildId });
    }
  });

  it('has one line for every dataset read and export of the API, and for a profile', async () => {
    for (const spec of DATASETS)
      for (const format of ['json', 'csv']) {
        const { status, lines } = await linesOf(`/api/v1/datasets/${spec.name}?format=${format}`, world.tokens.admin);
        expect(status, spec.name).toBe(200);
        expect(lines).toEqual([
          expect.objectContaining({
            user: 'adm',
            target: spec.name,
            format,
            action: `dataset_${format === 'json' ? 'read' : 'export'}`,
          }),
        ]);
      }
    const uscc = new URL(urlOf('/entities/:id?')!, 'http://x').pathname.split('/')[2]!;
    const { lines } = await linesOf(`/api/v1/entities/${uscc}`, world.tokens.analyst);
    expect(lines).toEqual([expect.objectContaining({ action: 'profile_view', target: uscc, format: 'json' })]);
  });

  it('has a line for a `sentinel export` on the command line', async () => {
    const before = (await readAudit(world.dataDir)).length;
    const out = join(world.dataDir, 'rv.csv');
    const run = spawnSync(
      process.execPath,
      [BIN, '--log-level', 'silent', '--data-dir', world.dataDir, 'export', 'repeat-violators', '--out', out],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const lines = (await readAudit(world.dataDir)).slice(before);
    expect(lines).toEqual([
      expect.objectContaining({ via: 'cli', action: 'dataset_export', target: 'repeat-violators', format: 'csv' }),
    ]);
    expect(lines[0]!.rows).toBeGreaterThan(0);
  });

  it('is one unbroken chain after the server and the CLI both wrote to it', async () => {
    const r = await verifyAudit(world.dataDir);
    expect(r.broken).toBeNull();
    expect(r.lines).toBe((await readAudit(world.dataDir)).length);
  });

  it('is listed, filtered and exported on the admin page, and hidden from everyone else', async () => {
    const page = await (
      await fetch(`${world.server.url}/audit?user=ana&action=record_view`, bearer(world.tokens.admin))
    ).text();
    expect(page).toContain('<a href="/audit" aria-current="page">审计日志</a>');
    const total = Number(/data-total="(\d+)"/.exec(page)![1]);
    const expected = (await readAudit(world.dataDir)).filter((e) => e.user === 'ana' && e.action === 'record_view');
    expect(total).toBe(expected.length);
    expect(total).toBeGreaterThan(0);
    const csv = await fetch(
      `${world.server.url}/audit/export?format=csv&user=ana&from=2000-01-01`,
      bearer(world.tokens.admin),
    );
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('at,user,role,via,action,target')).toBe(true);
    expect(text).toContain(',record_view,');
    const xlsx = await fetch(`${world.server.url}/audit/export?format=xlsx`, bearer(world.tokens.admin));
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect((await readAudit(world.dataDir)).at(-1)).toMatchObject({
      user: 'adm',
      action: 'audit_export',
      format: 'xlsx',
    });
    const en = await (await fetch(`${world.server.url}/audit?lang=en`, bearer(world.tokens.admin))).text();
    expect(en).toContain('Audit log');
    for (const token of [world.tokens.analyst, world.tokens.leader])
      expect((await fetch(`${world.server.url}/audit`, bearer(token))).status).toBe(403);
    const analystPage = await (await fetch(`${world.server.url}/overview`, bearer(world.tokens.analyst))).text();
    expect(analystPage).not.toContain('href="/audit"');
  });
});
