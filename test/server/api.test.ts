import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { tableFromIPC } from 'apache-arrow';
import { readAudit } from '../../lib/auth/audit.js';
import { datasetSpec } from '../../lib/datasets.js';
import { readPublishedDataset } from '../../pipelines/export/published.js';
import { csvUtf8, deliver, runIngest } from '../ingest/helpers.js';
import { idNumber, uscc } from '../ingest/codes.js';
import { A, B, LEGAL_REP_ID, MARKET, TAX, publishFixtureBuild, tempDataDir } from './fixtures.js';
import { bearer, startTestServer, userWithToken, type TestServer } from './harness.js';

const PERSON = idNumber('35020519900101123');
const ORG = uscc('91350205', 'MA2Y0KXQ');
const PENALTY_HEADERS = [
  '行政相对人名称',
  '统一社会信用代码',
  '证件类型',
  '证件号码',
  '行政处罚决定书文号',
  '处罚类别',
  '处罚内容',
  '处罚决定日期',
  '处罚机关',
  '数据来源单位',
];

let dataDir: string;
let server: TestServer;
const tokens: Record<string, string> = {};

async function get(path: string, role: string | null = 'analyst'): Promise<Response> {
  return fetch(server.url + path, role ? bearer(tokens[role]!) : {});
}

async function json<T = { as_of: string; build_id: string; total: number; rows: Array<Record<string, unknown>> }>(
  path: string,
  role = 'analyst',
): Promise<T> {
  const res = await get(path, role);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  dataDir = tempDataDir();
  // Quarantine comes from a real ingest: two rows without a decision date, one per department.
  deliver(
    dataDir,
    'penalties',
    'penalties-2025.csv',
    csvUtf8(PENALTY_HEADERS, [
      ['王五', null, '身份证', PERSON, '厦海市监罚〔2025〕14号', '罚款', '罚款100元', null, MARKET, MARKET],
      ['厦门丙公司', ORG, null, null, '厦海税罚〔2025〕3号', '罚款', '罚款', null, TAX, TAX],
      ['厦门丁公司', ORG, null, null, '厦海市监罚〔2025〕15号', '警告', '警告', '2025-03-05', MARKET, MARKET],
    ]),
  );
  await runIngest(dataDir);
  await publishFixtureBuild(dataDir, { buildId: 'b20251231a', asOf: '2025-12-31' });
  for (const [name, role, dept] of [
    ['analyst', 'analyst', null],
    ['leader', 'leader', null],
    ['office', 'credit_office', null],
    ['tax', 'department', TAX],
  ] as const) {
    tokens[name] = await userWithToken(dataDir, name, role, dept);
  }
  server = await startTestServer(dataDir);
});

afterAll(async () => {
  await server?.stop();
});

describe('authentication on the API', () => {
  it('answers 401 without credentials and with an unknown token', async () => {
    const none = await get('/api/v1/datasets/indicators', null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    const bad = await fetch(`${server.url}/api/v1/datasets/indicators`, bearer('cs_not-a-real-token'));
    expect(bad.status).toBe(401);
    expect((await get('/api/v1/entities/' + A, null)).status).toBe(401);
  });

  it('reports health without credentials once a build answers', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', build_id: 'b20251231a', as_of: '2025-12-31' });
  });
});

describe('datasets as JSON', () => {
  it('returns the envelope with exactly the rows of the export', async () => {
    const body = await json('/api/v1/datasets/repeat-violators');
    const exported = await readPublishedDataset(dataDir, datasetSpec('repeat-violators')!, {
      value: '2025-12-31',
      explicit: false,
    });
    expect(Object.keys(body)).toEqual(['as_of', 'build_id', 'total', 'rows']);
    expect(body).toMatchObject({ as_of: '2025-12-31', build_id: 'b20251231a', total: 3 });
    expect(body.rows).toEqual(exported.rows);
    expect(body.rows[0]).toEqual({
      uscc: A,
      name: '厦门甲贸易有限公司',
      domain: 'market',
      event_count: 3,
      first_event_date: '2025-02-01',
      last_event_date: '2025-09-01',
      event_ids: [`penalties:${MARKET}|罚1`, `penalties:${MARKET}|罚2`, `penalties:${MARKET}|罚3`],
    });
  });

  it('filters by equality on a column, by membership on a list column, and by any of repeated values', async () => {
    const market = await json('/api/v1/datasets/repeat-violators?domain=market');
    expect(market.total).toBe(2);
    expect(market.rows.map((r) => r.uscc)).toEqual([A, B]);
    const withTax = await json('/api/v1/datasets/cross-domain-violators?domains=tax');
    expect(withTax.rows.map((r) => r.uscc)).toEqual([A]);
    expect((await json('/api/v1/datasets/cross-domain-violators?domains=health')).total).toBe(0);
    const months = await json('/api/v1/datasets/sector-heatmap?sector=F&region_code=350205001');
    expect(months.rows).toEqual([
      { sector: 'F', region_code: '350205001', month: '2025-11', events: 1, enterprises: 40, rate_per_100: 2.5 },
    ]);
    const either = await json(
      `/api/v1/datasets/publicity-quality?month=2025-10&department=${encodeURIComponent(MARKET)}&department=${encodeURIComponent(TAX)}`,
    );
    expect(either.total).toBe(2);
    const met = await json('/api/v1/datasets/indicators?met=true');
    expect(met.rows.map((r) => r.indicator_id)).toEqual(['publicity_timeliness']);
  });

  it('paginates with limit and offset while total counts every matching row', async () => {
    const all = await json('/api/v1/datasets/publicity-quality');
    const page = await json('/api/v1/datasets/publicity-quality?limit=2&offset=1');
    expect(page.total).toBe(4);
    expect(page.rows).toEqual(all.rows.slice(1, 3));
    expect((await json('/api/v1/datasets/publicity-quality?limit=2&offset=4')).rows).toEqual([]);
  });

  it('refuses an unknown column, a bad limit and an unknown dataset, naming the bad value', async () => {
    const col = await get('/api/v1/datasets/indicators?colour=red');
    expect(col.status).toBe(400);
    expect(((await col.json()) as { error: { message: string } }).error.message).toContain(
      '"colour" is not a column of indicators',
    );
    const lim = await get('/api/v1/datasets/indicators?limit=-1');
    expect(lim.status).toBe(400);
    expect(((await lim.json()) as { error: { message: string } }).error.message).toContain('"-1"');
    expect((await get('/api/v1/datasets/nope')).status).toBe(404);
  });
});

describe('datasets as files', () => {
  it('CSV has a BOM and parses back to the JSON rows, lists joined with |', async () => {
    const res = await get('/api/v1/datasets/repeat-violators?format=csv&domain=market');
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('repeat-violators-b20251231a.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(bytes.toString('utf8').slice(1), { columns: true }) as Array<Record<string, string>>;
    const rows = (await json('/api/v1/datasets/repeat-violators?domain=market')).rows;
    expect(records).toEqual(
      rows.map((r) => ({
        ...Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])),
        event_ids: (r.event_ids as string[]).join('|'),
      })),
    );
  });

  it('XLSX opens in exceljs with the header row and the same cells', async () => {
    const res = await get('/api/v1/datasets/indicators?format=xlsx');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const values = ws
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(values).toEqual([
      ['indicator_id', 'value', 'target', 'comparator', 'met'],
      ['publicity_compliance', 0.976, 0.98, '>=', false],
      ['publicity_timeliness', 0.953, 0.95, '>=', true],
    ]);
  });

  it('Arrow IPC stream reads back with typed columns', async () => {
    const res = await get('/api/v1/datasets/repeat-violators?format=arrow');
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.numRows).toBe(3);
    expect(table.schema.fields.map((f) => f.name)).toEqual(datasetSpec('repeat-violators')!.columns);
    const first = table.get(0)!.toJSON() as Record<string, unknown>;
    expect(first.uscc).toBe(A);
    expect(first.event_count).toBe(3n);
    expect(new Date(first.first_event_date as number).toISOString().slice(0, 10)).toBe('2025-02-01');
    expect([...(first.event_ids as Iterable<string>)]).toHaveLength(3);
    expect(table.getChild('domain')!.toArray()).toEqual(['market', 'tax', 'market']);
  });
});

describe('rights by role', () => {
  it('refuses leaders every entity list and every profile, and gives them the aggregates', async () => {
    for (const name of [
      'repeat-violators',
      'cross-domain-violators',
      'persistent-violators',
      'legal-rep-links',
      'key-project-risk',
      'warnings',
      'quarantine',
    ]) {
      const res = await get(`/api/v1/datasets/${name}`, 'leader');
      expect(res.status, name).toBe(403);
    }
    expect((await get(`/api/v1/datasets/repeat-violators?format=csv`, 'leader')).status).toBe(403);
    expect((await get(`/api/v1/entities/${A}`, 'leader')).status).toBe(403);
    for (const name of ['indicators', 'sector-heatmap', 'publicity-quality'])
      expect((await get(`/api/v1/datasets/${name}`, 'leader')).status, name).toBe(200);
  });

  it('shows a department user only its own publicity quality, warnings and quarantine, and every other dataset whole', async () => {
    const pq = await json('/api/v1/datasets/publicity-quality', 'tax');
    expect(pq.rows.map((r) => r.department)).toEqual([TAX, TAX]);
    const w = await json('/api/v1/datasets/warnings', 'tax');
    expect(w.rows.map((r) => r.warning_id)).toEqual(['w2']);
    const q = await json('/api/v1/datasets/quarantine', 'tax');
    expect(q.rows.map((r) => (r.raw as Record<string, string>)['数据来源单位'])).toEqual([TAX]);
    // Asking for another department's rows by filter still yields nothing.
    expect(
      (await json(`/api/v1/datasets/publicity-quality?department=${encodeURIComponent(MARKET)}`, 'tax')).total,
    ).toBe(0);
    expect((await json('/api/v1/datasets/repeat-violators', 'tax')).total).toBe(3);
    expect((await get(`/api/v1/entities/${A}`, 'tax')).status).toBe(200);
  });
});

describe('quarantine and identity numbers', () => {
  it('reads quarantine from the loads, masking identity numbers except for the credit office', async () => {
    const analyst = await json('/api/v1/datasets/quarantine');
    expect(analyst.total).toBe(2);
    expect(analyst.rows[0]).toMatchObject({
      source: 'penalties',
      file: 'penalties-2025.csv',
      reason: 'missing_required:处罚决定日期',
    });
    const masked = (
      analyst.rows.find((r) => (r.raw as Record<string, string>)['行政相对人名称'] === '王五')!.raw as Record<
        string,
        string
      >
    )['证件号码'];
    expect(masked).toBe(`${PERSON.slice(0, 6)}********${PERSON.slice(-4)}`);
    const office = await json('/api/v1/datasets/quarantine', 'office');
    expect(JSON.stringify(office.rows)).toContain(PERSON);
    expect(JSON.stringify(analyst.rows)).not.toContain(PERSON);
    const csv = await (await get('/api/v1/datasets/quarantine?format=csv')).text();
    expect(csv).not.toContain(PERSON);
  });

  it('serves quarantine from a cache until an ingest changes the warehouse', async () => {
    const before = await json('/api/v1/datasets/quarantine', 'office');
    expect((await json('/api/v1/datasets/quarantine', 'office')).rows).toEqual(before.rows);
    deliver(
      dataDir,
      'penalties',
      'penalties-late.csv',
      csvUtf8(PENALTY_HEADERS, [
        ['厦门戊公司', ORG, null, null, '厦海市监罚〔2025〕16号', '罚款', '罚款', null, MARKET, MARKET],
      ]),
    );
    await runIngest(dataDir);
    const after = await json('/api/v1/datasets/quarantine', 'office');
    expect(after.total).toBe(before.total + 1);
    expect(after.rows.map((r) => r.file)).toContain('penalties-late.csv');
  });

  it('masks the legal representative identity number in a profile for analysts, not for the credit office', async () => {
    const analyst = await json<Record<string, unknown>>(`/api/v1/entities/${A}`);
    expect((analyst.register as Record<string, string>).legal_rep_id_number).toBe('350205********1234');
    const office = await json<Record<string, unknown>>(`/api/v1/entities/${A}`, 'office');
    expect((office.register as Record<string, string>).legal_rep_id_number).toBe(LEGAL_REP_ID);
  });
});

describe('entity profiles', () => {
  it('gathers the entity from every dataset it appears in', async () => {
    const p = await json<Record<string, unknown>>(`/api/v1/entities/${A.toLowerCase()}`);
    expect(p).toMatchObject({ as_of: '2025-12-31', build_id: 'b20251231a', uscc: A });
    expect((p.repeat_violations as unknown[]).length).toBe(2);
    expect((p.cross_domain_violations as unknown[]).length).toBe(1);
    expect((p.persistent_violations as unknown[]).length).toBe(1);
    expect((p.legal_rep_links as Array<{ usccs: string[] }>)[0]!.usccs).toEqual([A, B]);
    expect((p.warnings as Array<{ warning_id: string }>).map((w) => w.warning_id)).toEqual(['w1']);
  });

  it('answers 404 for an unknown USCC and 400 for something that is not one', async () => {
    expect((await get('/api/v1/entities/91350205MA00000000')).status).toBe(404);
    const bad = await get('/api/v1/entities/12345');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('"12345"');
  });
});

describe('audit log', () => {
  it('records every profile view and dataset download with who, what and the filters', async () => {
    await json('/api/v1/datasets/repeat-violators?domain=tax&limit=5', 'office');
    await get('/api/v1/datasets/indicators?format=xlsx', 'leader');
    await get(`/api/v1/entities/${B}`, 'tax');
    const entries = await readAudit(dataDir);
    expect(entries).toContainEqual(
      expect.objectContaining({
        user: 'office',
        role: 'credit_office',
        via: 'token',
        action: 'dataset_read',
        target: 'repeat-violators',
        filters: { domain: 'tax', limit: '5', offset: '0' },
        format: 'json',
        rows: 1,
        build_id: 'b20251231a',
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        user: 'leader',
        action: 'dataset_export',
        target: 'indicators',
        format: 'xlsx',
        rows: 2,
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ user: 'tax', role: 'department', action: 'profile_view', target: B }),
    );
    for (const e of entries) expect(Date.parse(e.at)).not.toBeNaN();
  });

  it('does not record refused requests as reads', async () => {
    const before = (await readAudit(dataDir)).length;
    await get('/api/v1/datasets/warnings', 'leader');
    await get('/api/v1/datasets/indicators', null);
    expect((await readAudit(dataDir)).length).toBe(before);
  });
});
