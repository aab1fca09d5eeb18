/**
 * Credit grades over the shared world served for real (docs/rules.md "Credit grades"): the `credit-grades`
 * dataset's shape and types in JSON and CSV, its filters and rights; the 信用分级 page for leaders
 * (aggregates, no drill) and others; each department's 双随机 list read back from its XLSX, scoped and audited;
 * the grade in the entity API, the check answer and the search API.
 */
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../lib/auth/audit.js';
import { withDb } from '../../lib/db.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { dashboardWorld, type DashboardWorld } from './dashboardsWorld.js';
import { bearer, userWithToken } from './harness.js';

type Factor = { factor: string; points: number; evidence: string[] };
type Grade = { uscc: string; name: string; grade: string; score: number; factors: Factor[] };

let world: DashboardWorld;
let dept: { token: string; name: string; rows: { uscc: string; grade: string }[] };
let grades: Grade[];

const get = (path: string, token = world.tokens.analyst) => fetch(`${world.server.url}${path}`, bearer(token));

beforeAll(async () => {
  world = await dashboardWorld();
  const file = join(world.dataDir, readPointer(world.dataDir)!.file);
  // The department with the most entities in its 双随机 scope.
  const { name, rows } = await withDb(file, { readOnly: true }, async (db) => {
    const n = await db.value<string>(
      `select department from credit_grade_inspections group by department order by count(*) desc, department limit 1`,
    );
    const r = await db.all<{ uscc: string; grade: string }>(
      `select uscc, grade from credit_grade_inspections where department = ? order by uscc`,
      [n],
    );
    return { name: n, rows: r };
  });
  dept = { name, rows, token: await userWithToken(world.dataDir, 'dep14', 'department', name) };
  const res = await get('/api/v1/datasets/credit-grades?limit=50000');
  grades = ((await res.json()) as { rows: Grade[] }).rows;
}, 600_000);

afterAll(async () => {
  await world?.server.stop();
});

describe('the credit-grades dataset', () => {
  it('has a typed row per active entity, sorted, with factors as an array of {factor, points, evidence}', () => {
    expect(grades.length).toBeGreaterThan(100);
    expect(grades.map((g) => g.uscc)).toEqual([...grades.map((g) => g.uscc)].sort());
    for (const g of grades) {
      expect(Object.keys(g)).toEqual(['uscc', 'name', 'grade', 'score', 'factors']);
      expect(['A', 'B', 'C', 'D']).toContain(g.grade);
      expect(typeof g.score).toBe('number');
      expect(Array.isArray(g.factors)).toBe(true);
      for (const f of g.factors) {
        expect(Object.keys(f)).toEqual(['factor', 'points', 'evidence']);
        expect(typeof f.points).toBe('number');
        expect(f.evidence.length).toBeGreaterThan(0);
      }
      expect(g.score).toBe(100 + g.factors.reduce((n, f) => n + f.points, 0));
    }
    expect(new Set(grades.map((g) => g.grade))).toEqual(new Set(['A', 'B', 'C', 'D']));
  });

  it('writes the factors as JSON text in CSV, and filters by grade and by factor code', async () => {
    const csv = parse(await (await get('/api/v1/datasets/credit-grades?format=csv')).text(), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(csv).toHaveLength(grades.length);
    const d = grades.find((g) => g.factors.length > 1)!;
    expect(JSON.parse(csv.find((r) => r.uscc === d.uscc)!.factors!)).toEqual(d.factors);
    const onlyD = (
      (await (await get('/api/v1/datasets/credit-grades?grade=D&limit=50000')).json()) as { rows: Grade[] }
    ).rows;
    expect(onlyD).toEqual(grades.filter((g) => g.grade === 'D'));
    const serious = (
      (await (await get('/api/v1/datasets/credit-grades?factors=serious_list&limit=50000')).json()) as { rows: Grade[] }
    ).rows;
    expect(serious.length).toBeGreaterThan(0);
    expect(serious).toEqual(grades.filter((g) => g.factors.some((f) => f.factor === 'serious_list')));
    expect(serious.every((g) => g.grade === 'D')).toBe(true);
  });

  it('is an entity list: leaders get 403, departments read it whole', async () => {
    expect((await get('/api/v1/datasets/credit-grades', world.tokens.leader)).status).toBe(403);
    const res = await get('/api/v1/datasets/credit-grades?limit=50000', dept.token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(grades.length);
  });
});

describe('the grade elsewhere', () => {
  it('is on the entity API, in each check result and in search hits', async () => {
    const g = grades.find((x) => x.grade === 'C')!;
    const profile = (await (await get(`/api/v1/entities/${g.uscc}`)).json()) as { credit_grade: Grade };
    expect(profile.credit_grade).toEqual(g);
    const body = JSON.stringify({ usccs: [g.uscc, grades[0]!.uscc, '91350205MA00000000'] });
    const res = await fetch(`${world.server.url}/api/v1/checks`, {
      method: 'POST',
      headers: { ...bearer(world.tokens.analyst).headers, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(200);
    const results = ((await res.json()) as { results: { uscc: string | null; grade: string | null }[] }).results;
    expect(results.map((r) => r.grade)).toEqual([g.grade, grades[0]!.grade, null]);
    const hits = (await (await get(`/api/v1/search?q=${g.uscc}`)).json()) as {
      rows: { uscc: string; grade: string }[];
    };
    expect(hits.rows.find((h) => h.uscc === g.uscc)?.grade).toBe(g.grade);
  });
});

describe('the 信用分级 page', () => {
  it('shows leaders the aggregates, without a drill to entities or the 双随机 list', async () => {
    const page = await (await get('/grades', world.tokens.leader)).text();
    expect(page).toContain('data-chart="grade-heatmap"');
    expect(page).not.toContain('/grades/cell');
    expect(page).not.toContain('/grades/inspections/export');
    expect((await get('/grades/cell?sector=F', world.tokens.leader)).status).toBe(403);
    expect((await get(`/grades/inspections/export?department=${dept.name}`, world.tokens.leader)).status).toBe(403);
  });

  it('lets others open a cell whose entities are all at the grades shown', async () => {
    const page = await (await get('/grades')).text();
    const href = /href="(\/grades\/cell\?[^"]+)"/.exec(page)?.[1]?.replaceAll('&amp;', '&');
    expect(href).toBeDefined();
    const cell = await (await get(href!)).text();
    const shown = [...cell.matchAll(/data-grade="([A-D])"/g)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((g) => g === 'C' || g === 'D')).toBe(true);
  });
});

describe("a department's 双随机 list", () => {
  async function book(path: string, token: string): Promise<ExcelJS.Workbook> {
    const res = await get(path, token);
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const b = new ExcelJS.Workbook();
    await b.xlsx.load(await res.arrayBuffer());
    return b;
  }
  const values = (ws: ExcelJS.Worksheet) => {
    const out: ExcelJS.CellValue[][] = [];
    ws.eachRow((row, n) => void (n > 1 && out.push((row.values as ExcelJS.CellValue[]).slice(1))));
    return out;
  };

  it('holds the entities of its scope with grade, ratio and factors, and the number to draw per grade', async () => {
    const b = await book('/grades/inspections/export', dept.token);
    const [list, counts] = b.worksheets;
    expect((list!.getRow(1).values as string[]).slice(1)).toEqual([
      '部门',
      '统一社会信用代码',
      '企业名称',
      '信用等级',
      '评分',
      '抽查比例',
      '评价因素',
    ]);
    const rows = values(list!);
    expect(rows.map((r) => r[1]).sort()).toEqual(dept.rows.map((r) => r.uscc));
    expect(rows.every((r) => r[0] === dept.name)).toBe(true);
    const ratio: Record<string, number> = { A: 0.05, B: 0.1, C: 0.3, D: 1 };
    for (const r of rows) {
      expect(r[5], String(r[1])).toBe(ratio[String(r[3])]);
      const g = grades.find((x) => x.uscc === r[1])!;
      expect(r[3]).toBe(g.grade);
      expect(r[4]).toBe(g.score);
      if (g.factors.length) expect(String(r[6])).not.toBe('');
    }
    for (const [department, grade, entities, r, draw] of values(counts!)) {
      expect(department).toBe(dept.name);
      expect(entities).toBe(dept.rows.filter((x) => x.grade === grade).length);
      expect(r).toBe(ratio[String(grade)]);
      expect(draw).toBe(Math.ceil((entities as number) * (r as number) - 1e-9));
    }
    const audit = await readAudit(world.dataDir);
    expect(audit.some((a) => a.target === '/grades/inspections' && a.user === 'dep14')).toBe(true);
  });

  it("refuses a department user another department's list, and gives others the department they ask for", async () => {
    expect((await get('/grades/inspections/export?department=某个别的部门', dept.token)).status).toBe(403);
    expect((await get('/grades/inspections/export')).status).toBe(400);
    const b = await book(
      `/grades/inspections/export?department=${encodeURIComponent(dept.name)}`,
      world.tokens.analyst,
    );
    expect(values(b.worksheets[0]!)).toHaveLength(dept.rows.length);
  });
});
