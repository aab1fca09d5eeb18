/**
 * The header search over the shared world (real ingest, real build) on a loopback server: by USCC, by a
 * 6-character prefix, by a name substring typed with full-width brackets and spaces, by a former register
 * name; badges; rights (leaders 403, no box); every search audited. Expected answers are read from the
 * build's own register and list marts, not from entity_search, which is what is under test.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../lib/auth/audit.js';
import { withDb, type Db } from '../../lib/db.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { norm } from '../../lib/validate/text.js';
import { copyOfSharedWorld } from '../sharedWorld/index.js';
import { bearer, startTestServer, userWithToken, type TestServer } from './harness.js';

interface Hit {
  uscc: string;
  name: string;
  matched_by: string;
  former_names: string[];
  registration_status: string | null;
  region_code: string | null;
  lists: string[];
  flags: string[];
}
interface Answer {
  as_of: string;
  build_id: string;
  query: string;
  total: number;
  rows: Hit[];
}

let dataDir: string;
let server: TestServer;
let buildFile: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  dataDir = await copyOfSharedWorld('search-');
  buildFile = join(dataDir, readPointer(dataDir)!.file);
  tokens.analyst = await userWithToken(dataDir, 'ana', 'analyst');
  tokens.department = await userWithToken(dataDir, 'dept', 'department', '厦门市海沧区市场监督管理局');
  tokens.leader = await userWithToken(dataDir, 'lead', 'leader');
  server = await startTestServer(dataDir);
}, 600_000);

afterAll(async () => {
  await server?.stop();
});

const get = (path: string, role: string | null = 'analyst') =>
  fetch(`${server.url}${path}`, role ? { ...bearer(tokens[role]!), redirect: 'manual' } : { redirect: 'manual' });

async function search(q: string, extra = '', role = 'analyst'): Promise<Answer> {
  const res = await get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`, role);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Answer;
}

/** Every hit of a query, page by page. */
async function allHits(q: string): Promise<Hit[]> {
  const out: Hit[] = [];
  for (let offset = 0; ; offset += 100) {
    const a = await search(q, `&limit=100&offset=${offset}`);
    out.push(...a.rows);
    if (out.length >= a.total || a.rows.length === 0) return out;
  }
}

/** A read of the build; a pick that finds no row fails the test rather than passing on nothing. */
async function read<T>(fn: (db: Db) => Promise<T | undefined>): Promise<T> {
  const r = await withDb(buildFile, { readOnly: true }, fn);
  if (r === undefined) throw new Error('the shared world has no row for this pick');
  return r;
}

describe('search by USCC', () => {
  it('finds an entity by its whole USCC, typed in lower case with spaces, with its register data', async () => {
    const e = await read((db) =>
      db.one<{ uscc: string; name: string; registration_status: string; region_code: string }>(
        `select uscc, name, registration_status, region_code from entity_register order by uscc limit 1 offset 7`,
      ),
    );
    const typed = `${e.uscc.slice(0, 9).toLowerCase()} ${e.uscc.slice(9)}`;
    const a = await search(typed);
    expect(a.rows[0]).toMatchObject({
      uscc: e.uscc,
      name: e.name,
      matched_by: 'uscc',
      registration_status: e.registration_status,
      region_code: e.region_code,
    });
    expect(a.build_id).toBe(readPointer(dataDir)!.build_id);
  });

  it('finds every entity whose USCC starts with a 6-character prefix, and nothing else', async () => {
    const { uscc } = await read((db) => db.one<{ uscc: string }>(`select uscc from entity_register limit 1`));
    // A prefix shared by a handful of entities: the first 15 characters of one USCC.
    const prefix = uscc.slice(0, 15);
    const expected = await read((db) =>
      db.all<{ uscc: string }>(`select uscc from int_entity_names where starts_with(uscc, ?) order by uscc`, [prefix]),
    );
    const hits = await allHits(prefix);
    expect(hits.map((h) => h.uscc).sort()).toEqual(expected.map((r) => r.uscc));
    expect(new Set(hits.map((h) => h.matched_by))).toEqual(new Set(['uscc_prefix']));
    const six = await search(uscc.slice(0, 6), '&limit=5');
    const all = await read((db) =>
      db.value<number>(`select count(*)::integer from int_entity_names where starts_with(uscc, ?)`, [uscc.slice(0, 6)]),
    );
    expect(six.total).toBeGreaterThanOrEqual(all);
    expect(six.rows.every((h) => h.uscc.startsWith(uscc.slice(0, 6)))).toBe(true);
  });

  it('refuses a query too short to mean anything, naming the minimums', async () => {
    for (const q of ['', ' ', '厦']) {
      const res = await get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_query');
    }
  });
});

describe('search by name', () => {
  it('matches a norm-ed substring of the name, typed with full-width brackets and spaces', async () => {
    const e = await read((db) =>
      db.one<{ uscc: string; name: string }>(
        `select uscc, name from entity_register where name like '%（厦门）%' order by uscc limit 1`,
      ),
    );
    // "万福（厦门）生物…" typed as "万福 ( 厦门 )": the same after norm.
    const at = e.name.indexOf('（厦门）');
    const typed = `${e.name.slice(Math.max(0, at - 2), at)} ( 厦 门 )`;
    const hits = await allHits(typed);
    expect(hits.map((h) => h.uscc)).toContain(e.uscc);
    const expected = await read((db) =>
      db.all<{ uscc: string }>(
        `select uscc from int_entity_names where contains(cs_norm(name), ?)
         union
         select r.uscc from stg_enterprises__records r join int_entity_names n using (uscc)
         where r.is_uscc_valid and contains(r.name_norm, ?)
         order by uscc`,
        [norm(typed), norm(typed)],
      ),
    );
    expect(hits.map((h) => h.uscc).sort()).toEqual(expected.map((r) => r.uscc));
  });

  it('lists the name itself first, then names starting with the query, then names containing it', async () => {
    const e = await read((db) =>
      db.one<{ name: string }>(`select name from entity_register where length(name) > 8 order by uscc limit 1`),
    );
    const hits = (await search(e.name, '&limit=100')).rows;
    expect(hits[0]!.name).toBe(e.name);
    const q = norm(e.name).slice(2, 6);
    const ranks = (await allHits(q)).map((h) => {
      const n = norm(h.name);
      return n === q ? 0 : n.startsWith(q) ? 1 : n.includes(q) ? 2 : 3;
    });
    expect(ranks).toEqual([...ranks].sort());
  });

  it('finds an entity by a former name the register delivered earlier, and says so', async () => {
    const renamed = await read((db) =>
      db.one<{ uscc: string; former: string; current: string }>(
        `select r.uscc, r.name as former, e.name as current
         from stg_enterprises__records r join entity_register e using (uscc)
         where r.name_norm <> cs_norm(e.name) and r.file_id < e.file_id
         order by r.uscc limit 1`,
      ),
    );
    // A part of the former name the current name does not contain.
    const former = norm(renamed.former);
    const part = [...Array(former.length - 3).keys()]
      .map((i) => former.slice(i, i + 4))
      .find((s) => !norm(renamed.current).includes(s))!;
    const hit = (await allHits(part)).find((h) => h.uscc === renamed.uscc);
    expect(hit).toMatchObject({ name: renamed.current, matched_by: 'former_name', former_names: [renamed.former] });
    const page = await (await get(`/search?q=${encodeURIComponent(part)}`)).text();
    expect(page).toContain(`href="/entities/${renamed.uscc}"`);
    expect(page).toContain(renamed.former);
  });
});

describe('badges', () => {
  it('carries the active lists and the flags of the entity', async () => {
    const e = await read((db) =>
      db.one<{ uscc: string; lists: string[]; flags: string[] }>(
        `with l as (
           select uscc, list from entity_list_entries where is_active
           union select uscc, 'court_dishonest' from event_traces where source = 'court_dishonest' and is_counted),
         f as (
           select uscc, 'repeat_violator' as flag from repeat_violators
           union select uscc, 'cross_domain_violator' from cross_domain_violators
           union select uscc, 'persistent_violator' from persistent_violators)
         select n.uscc,
           coalesce((select list_sort(list(distinct list)) from l where l.uscc = n.uscc), []) as lists,
           coalesce((select list_sort(list(distinct flag)) from f where f.uscc = n.uscc), []) as flags
         from int_entity_names n
         where n.uscc in (select uscc from l) and n.uscc in (select uscc from f)
         order by n.uscc limit 1`,
      ),
    );
    const a = await search(e.uscc);
    expect(a.rows[0]).toMatchObject({ uscc: e.uscc, lists: e.lists, flags: e.flags });
    const page = await (await get(`/search?q=${e.uscc}`)).text();
    for (const code of [...e.lists, ...e.flags]) expect(page).toContain(`data-badge="${code}"`);
  });
});

describe('rights and the audit log', () => {
  it('answers 401 without a caller and sends a visitor of the page to the login', async () => {
    expect((await get('/api/v1/search?q=厦门', null)).status).toBe(401);
    const page = await get('/search?q=厦门', null);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(
      `/login?next=${encodeURIComponent(`/search?q=${encodeURIComponent('厦门')}`)}`,
    );
  });

  it('refuses leaders the API and the page, and gives them no search box', async () => {
    expect((await get('/api/v1/search?q=厦门', 'leader')).status).toBe(403);
    expect((await get('/search?q=厦门', 'leader')).status).toBe(403);
    const overview = await (await get('/overview', 'leader')).text();
    expect(overview).not.toContain('action="/search"');
    for (const role of ['analyst', 'department']) {
      const page = await (await get('/overview', role)).text();
      expect(page, role).toContain('<form class="search" role="search" method="get" action="/search">');
    }
  });

  it('audits every search, API and page, with the query and the rows shown', async () => {
    const q = '商贸有限';
    const api = await search(q, '&limit=3', 'department');
    expect((await get(`/search?q=${encodeURIComponent(q)}`, 'department')).status).toBe(200);
    const lines = (await readAudit(dataDir)).filter((l) => l.action === 'entity_search' && l.user === 'dept');
    expect(lines).toContainEqual(
      expect.objectContaining({
        target: '/api/v1/search',
        filters: { q },
        format: 'json',
        rows: api.rows.length,
        build_id: api.build_id,
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ target: '/search', filters: { q }, format: 'html', rows: Math.min(20, api.total) }),
    );
  });
});
