/**
 * The dashboard pages and the profile marts over a generated tiny world (real ingest, real build), through
 * a loopback port: numbers agree with the marts, the profile API carries the new sections, rights and
 * masking hold, and bad parameters are refused by name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDb } from '../../lib/db.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { cellEnterprises } from '../../dashboards/heatmap/query.js';
import { auditFile, dashboardWorld, type DashboardWorld } from './dashboardsWorld.js';
import { bearer } from './harness.js';

let world: DashboardWorld;
let buildFile: string;

beforeAll(async () => {
  world = await dashboardWorld();
  buildFile = join(world.dataDir, readPointer(world.dataDir)!.file);
}, 600_000);

afterAll(async () => {
  await world?.server.stop();
});

const get = (path: string, token: string) => fetch(`${world.server.url}${path}`, bearer(token));

describe('profile marts', () => {
  it('say why a penalty is or is not public at as-of', async () => {
    const rows = await withDb(buildFile, { readOnly: true }, (db) =>
      db.all<{ severity: string; publication_status: string; n: number }>(
        `select severity, publication_status, count(*)::integer as n from entity_penalties group by all`,
      ),
    );
    expect(rows.filter((r) => r.severity === '轻微').every((r) => r.publication_status === 'not_published')).toBe(true);
    expect(new Set(rows.map((r) => r.publication_status))).toContain('public');
  });

  it('give every heatmap cell exactly the enterprises and events the mart counts', async () => {
    await withDb(buildFile, { readOnly: true }, async (db) => {
      const cells = await db.all<{ sector: string; region_code: string; events: number }>(
        `select sector, region_code, sum(events)::integer as events from sector_heatmap where sector is not null and region_code is not null group by all having sum(events) > 0`,
      );
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) {
        const behind = await cellEnterprises(db, { sector: c.sector, region: c.region_code, month: null });
        expect(
          behind.reduce((s, e) => s + e.events, 0),
          `${c.sector} ${c.region_code}`,
        ).toBe(c.events);
      }
    });
  });
});

describe('entity profile API', () => {
  it('returns the register, penalties, list entries, commitments and projects of the new marts', async () => {
    const uscc = await withDb(buildFile, { readOnly: true }, (db) =>
      db.value<string>(
        `select uscc from entity_penalties where uscc in (select uscc from entity_register) order by uscc limit 1`,
      ),
    );
    const res = await get(`/api/v1/entities/${uscc}`, world.tokens.analyst);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.register).toMatchObject({ uscc });
    for (const k of ['penalties', 'list_entries', 'commitments', 'projects'])
      expect(Array.isArray(body[k]), k).toBe(true);
    expect((body.penalties as unknown[]).length).toBeGreaterThan(0);
    expect((body.penalties as Array<{ file: string; row_number: number }>)[0]).toMatchObject({
      file: expect.stringMatching(/\.(csv|xlsx|jsonl|json)$/),
      row_number: expect.any(Number),
    });
    // Analysts see the legal representative's identity number masked.
    expect(String((body.register as { legal_rep_id_number: string }).legal_rep_id_number)).toMatch(
      /^\d{6}\*{8}[\dX]{4}$/,
    );
  });
});

describe('dashboard pages', () => {
  it('answers every page for an analyst with the as-of and build id', async () => {
    const build = readPointer(world.dataDir)!;
    for (const path of [
      '/overview',
      '/heatmap',
      '/heatmap?view=month',
      '/violators',
      '/violators?kind=persistent',
      '/projects',
      '/publicity',
      '/indicators',
      '/warnings',
    ]) {
      const res = await get(path, world.tokens.analyst);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(text, path).toContain('2025年12月31日');
      expect(text, path).toContain(build.build_id);
    }
  });

  it('refuses leaders every entity list and profile, and lets them read aggregates', async () => {
    for (const path of [
      '/violators',
      '/violators/export?format=csv',
      '/warnings',
      '/warnings/export?format=csv',
      '/heatmap/cell?sector=C',
      '/runs',
      '/records?event=x',
      '/entities/91350205000000000X',
    ])
      expect((await get(path, world.tokens.leader)).status, path).toBe(403);
    for (const path of ['/overview', '/heatmap', '/publicity', '/indicators', '/projects', '/projects/export'])
      expect((await get(path, world.tokens.leader)).status, path).toBe(200);
    // The key-project board without the drill to its parties (issue 18 item 15): the project pages stay refused.
    const board = await (await get('/projects', world.tokens.leader)).text();
    expect(board).toContain('<div class="board">');
    expect(board).not.toMatch(/href="\/projects\/(?!export)/);
    expect(board).not.toContain('href="/entities/');
    const overview = await (await get('/overview', world.tokens.leader)).text();
    expect(overview).not.toContain('href="/violators');
  });

  it('names a bad filter value instead of guessing', async () => {
    const res = await get('/violators?kind=everyone', world.tokens.analyst);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('everyone');
    expect((await get('/violators?sort=drop%20table', world.tokens.analyst)).status).toBe(400);
    expect((await get('/violators?from=yesterday', world.tokens.analyst)).status).toBe(400);
  });

  it('pages the violators 50 at a time and keeps the filter in the links', async () => {
    const first = await (await get('/violators?kind=repeat&sort=name&dir=asc', world.tokens.analyst)).text();
    const total = Number(/data-total="(\d+)"/.exec(first)![1]);
    expect((first.match(/<tr><td><a href="\/entities\//g) ?? []).length).toBe(Math.min(50, total));
    if (total > 50) expect(first).toContain('href="/violators?kind=repeat&amp;sort=name&amp;dir=asc&amp;page=2"');
  });

  it('404s an unknown entity and audits the look-up', async () => {
    const res = await get('/entities/91350205000000000X', world.tokens.analyst);
    expect(res.status).toBe(404);
    const lines = readFileSync(auditFile(world.dataDir, new Date().toISOString().slice(0, 7)), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ action: 'profile_view', target: '91350205000000000X', user: 'ana', format: 'html' }),
    );
  });
});

describe('source records of the profile', () => {
  it('opens the original cells of a list entry, a commitment and a register record by file and row', async () => {
    const picks = await withDb(buildFile, { readOnly: true }, async (db) => ({
      list: await db.one<{ uscc: string; list: string; file_id: number; file: string; row_number: number }>(
        `select e.uscc, e.list, e.file_id, f.file_name as file, e.row_number from entity_list_entries e join ingest.files f using (file_id) order by e.uscc limit 1`,
      ),
      commitment: await db.one<{ uscc: string; file_id: number; file: string; row_number: number }>(
        `select e.uscc, e.file_id, f.file_name as file, e.row_number from entity_commitments e join ingest.files f using (file_id) order by e.uscc limit 1`,
      ),
      register: await db.one<{ uscc: string; name: string; file_id: number; row_number: number }>(
        `select uscc, name, file_id, row_number from entity_register where file_id is not null order by uscc limit 1`,
      ),
    }));
    const { list, commitment, register } = picks;
    expect(list && commitment && register).toBeTruthy();

    const profile = await (await get(`/entities/${list!.uscc}`, world.tokens.analyst)).text();
    expect(profile).toContain(`/records?source=${list!.list}&file=${list!.file_id}&row=${list!.row_number}`);

    const listPage = await get(
      `/records?source=${list!.list}&file=${list!.file_id}&row=${list!.row_number}`,
      world.tokens.analyst,
    );
    expect(listPage.status).toBe(200);
    const listHtml = await listPage.text();
    expect(listHtml).toContain(list!.file);
    expect(listHtml).toContain('列入日期');

    const commitmentHtml = await (
      await get(
        `/records?source=commitments&file=${commitment!.file_id}&row=${commitment!.row_number}`,
        world.tokens.analyst,
      )
    ).text();
    expect(commitmentHtml).toContain('承诺类型');

    const registerHtml = await (
      await get(`/records?source=enterprises&file=${register!.file_id}&row=${register!.row_number}`, world.tokens.admin)
    ).text();
    expect(registerHtml).toContain(register!.name);
  });

  it('refuses a source it does not open and a row that is not a number, and 404s a row that does not exist', async () => {
    expect((await get('/records?source=penalties&file=1&row=1', world.tokens.analyst)).status).toBe(400);
    expect((await get('/records?source=commitments&file=1&row=x', world.tokens.analyst)).status).toBe(400);
    expect((await get('/records?source=commitments&file=1&row=999999', world.tokens.analyst)).status).toBe(404);
    expect((await get('/records?source=commitments&file=1&row=1', world.tokens.leader)).status).toBe(403);
  });
});
