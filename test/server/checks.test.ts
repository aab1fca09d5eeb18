/**
 * POST /api/v1/checks (interfaces.md) on a real loopback server over a private copy of the shared world.
 * The answers are compared with the generator's answer key, an oracle the product does not read: flags
 * must be exactly the entity's rows of the three flag datasets, and the list kinds of every key-project
 * party with a signal must be exactly its serious_list / court_dishonest / attention_list signals.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../lib/auth/audit.js';
import { findCheck, readChecks, readFeedback } from '../../lib/checks/store.js';
import { paths } from '../../lib/dataDir.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { withDb } from '../../lib/db.js';
import { uscc as makeUscc } from '../ingest/codes.js';
import { copyOfSharedWorld } from '../sharedWorld/index.js';
import { bearer, startTestServer, userWithToken, type TestServer } from './harness.js';
import { MARKET, TAX } from './fixtures.js';

type Result = {
  query: string;
  match: string;
  uscc: string | null;
  name: string | null;
  lists: Array<{ list: string; since: string; authority: string | null; reason: string | null }>;
  flags: string[];
  public_penalties: Array<{ event_id: string; decision_date: string }>;
  measures: Array<{ code: string; measure: string; basis: string; because: string[] }>;
  verdict: string;
  resolved: boolean;
  candidates?: Array<{ uscc: string; name: string | null }>;
  suggestions?: Array<{ uscc: string; name: string | null; similarity: number; why: string }>;
};
type Answer = { as_of: string; build_id: string; check_id: string; results: Result[] };

const BIN = fileURLToPath(new URL('../../bin/sentinel.js', import.meta.url));
const LIST_KINDS = ['serious_list', 'court_dishonest', 'attention_list'];

let dataDir: string;
let server: TestServer;
const tokens: Record<string, string> = {};
/** USCC → its flag codes, from the answer key's three flag datasets. */
const keyFlags = new Map<string, Set<string>>();
/** USCC → its list kinds, for every party with a signal in the answer key's key-project-risk. */
const keyLists = new Map<string, Set<string>>();

function answerKey<T>(name: string): T[] {
  return JSON.parse(readFileSync(join(dataDir, 'answer-key', `${name}.json`), 'utf8')) as T[];
}

async function post(body: unknown, role: string | null = 'analyst', path = '/api/v1/checks'): Promise<Response> {
  const send = () =>
    fetch(server.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(role ? bearer(tokens[role]!).headers : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  try {
    return await send();
  } catch (e) {
    // A kept-alive socket the server closed as idle while this process was starved of CPU: the request never
    // reached the server (nothing was checked or recorded), so it is sent once more on a fresh socket.
    if ((e as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw e;
    return send();
  }
}

async function check(body: unknown, role = 'analyst'): Promise<Answer> {
  const res = await post(body, role);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Answer;
}

/** A valid USCC no record of the generated county carries (its prefix is not the county's). */
const unknownUscc = (i: number) => makeUscc('91110000', `QC${String(i).padStart(6, '0')}`);

beforeAll(async () => {
  dataDir = await copyOfSharedWorld('checks-');
  for (const [name, role, dept] of [
    ['analyst', 'analyst', null],
    ['leader', 'leader', null],
    ['office', 'credit_office', null],
    ['market', 'department', MARKET],
    ['tax', 'department', TAX],
  ] as const)
    tokens[name] = await userWithToken(dataDir, name, role, dept);
  const add = (m: Map<string, Set<string>>, uscc: string, v: string) => m.set(uscc, (m.get(uscc) ?? new Set()).add(v));
  for (const r of answerKey<{ uscc: string }>('repeat-violators')) add(keyFlags, r.uscc, 'repeat_violator');
  for (const r of answerKey<{ uscc: string }>('cross-domain-violators')) add(keyFlags, r.uscc, 'cross_domain_violator');
  for (const r of answerKey<{ uscc: string }>('persistent-violators')) add(keyFlags, r.uscc, 'persistent_violator');
  for (const p of answerKey<{ signals: string[] }>('key-project-risk'))
    for (const s of p.signals) {
      const [kind, uscc] = s.split('@') as [string, string];
      if (!keyLists.has(uscc)) keyLists.set(uscc, new Set());
      if (LIST_KINDS.includes(kind)) add(keyLists, uscc, kind);
    }
  server = await startTestServer(dataDir);
}, 600_000);

afterAll(async () => {
  await server?.stop();
});

describe('who may check', () => {
  it('answers 401 without credentials and 403 to a leader', async () => {
    expect((await post({ usccs: [unknownUscc(1)] }, null)).status).toBe(401);
    const leader = await post({ usccs: [unknownUscc(1)] }, 'leader');
    expect(leader.status).toBe(403);
    expect(((await leader.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('lets analysts, the credit office and department users check', async () => {
    for (const role of ['analyst', 'office', 'market'])
      expect((await post({ usccs: [unknownUscc(2)] }, role)).status).toBe(200);
  });
});

describe('a malformed body', () => {
  it.each([
    ['not JSON', '{"usccs": [', /not valid JSON/],
    ['empty', '', /empty/],
    ['an array', '["91350205MA2Y0KXQ1A"]', /JSON object/],
    ['neither key', { subjects: ['x'] }, /exactly one of "usccs" and "names"/],
    ['both keys', { usccs: ['x'], names: ['y'] }, /exactly one of/],
    ['a string instead of a list', { usccs: '91350205MA2Y0KXQ1A' }, /must be a list/],
    ['an empty list', { names: [] }, /nothing to check/],
    ['a number among the subjects', { usccs: ['x', 42] }, /"usccs"\[1\] is not a string/],
    ['10,001 subjects', { usccs: Array.from({ length: 10_001 }, (_, i) => unknownUscc(i)) }, /at most 10000/],
    ['an unknown purpose', { usccs: ['x'], purpose: '随便' }, /核查用途/],
  ])('is a 400 with a clear message: %s', async (_label, body, message) => {
    const before = readChecks(dataDir).length;
    const res = await post(body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.message).toMatch(message);
    expect(readChecks(dataDir)).toHaveLength(before);
  });
});

describe('the answer', () => {
  it('has the shape of interfaces.md, one result per subject in the order given, from the published build', async () => {
    const pointer = readPointer(dataDir)!;
    const flagged = [...keyFlags.keys()][0]!;
    const queries = [` ${flagged.toLowerCase()} `, 'not-a-uscc', unknownUscc(3), flagged];
    const body = await check({ usccs: queries });
    expect(Object.keys(body)).toEqual(['as_of', 'build_id', 'check_id', 'results']);
    expect(body).toMatchObject({ as_of: pointer.as_of, build_id: pointer.build_id });
    expect(body.check_id).toMatch(/^ck-\d{8}-[0-9a-f]{12}$/);
    expect(body.results.map((r) => r.query)).toEqual(queries);
    for (const r of body.results)
      expect(Object.keys(r).slice(0, 9)).toEqual([
        'query',
        'match',
        'uscc',
        'name',
        'lists',
        'flags',
        'public_penalties',
        'measures',
        'verdict',
      ]);
    const [spaced, invalid, unknown, same] = body.results as [Result, Result, Result, Result];
    expect(spaced).toMatchObject({ match: 'uscc', uscc: flagged });
    expect(spaced).toEqual({ ...same, query: spaced.query });
    // interfaces.md's rule gives an unresolved subject `clear` (it has no entries); `resolved: false` tells it apart.
    expect(invalid).toMatchObject({
      match: 'invalid',
      uscc: null,
      name: null,
      lists: [],
      flags: [],
      verdict: 'clear',
      resolved: false,
    });
    expect(unknown).toEqual({
      query: unknownUscc(3),
      match: 'uscc',
      uscc: unknownUscc(3),
      name: null,
      lists: [],
      flags: [],
      public_penalties: [],
      measures: [],
      verdict: 'clear',
      // Added by credit grades (docs/rules.md): an entity outside the register has none.
      grade: null,
      resolved: true,
    });
  });

  it('gives exactly the answer key’s flags and list kinds for every flagged entity and project party', async () => {
    const usccs = [...new Set([...keyFlags.keys(), ...keyLists.keys()])].sort();
    expect(usccs.length).toBeGreaterThan(20);
    const { results } = await check({ usccs });
    let restricted = 0;
    for (const r of results) {
      const u = r.uscc!;
      expect(r.match, u).toBe('uscc');
      expect(r.flags, u).toEqual([...(keyFlags.get(u) ?? [])].sort());
      if (keyLists.has(u)) expect(new Set(r.lists.map((l) => l.list)), u).toEqual(keyLists.get(u));
      const kinds = new Set([...r.lists.map((l) => l.list), ...r.flags]);
      const want = r.lists.some((l) => l.list === 'serious_list' || l.list === 'court_dishonest')
        ? 'restricted'
        : kinds.size || r.public_penalties.length
          ? 'caution'
          : 'clear';
      expect(r.verdict, u).toBe(want);
      if (r.verdict === 'restricted') restricted++;
      // Every measure is called for by one of the entity's kinds, and each kind of the catalogue gets its measures.
      for (const m of r.measures) for (const k of m.because) expect(kinds.has(k), `${u} ${m.code}`).toBe(true);
      if (kinds.size) expect(r.measures.length, u).toBeGreaterThan(0);
      for (const l of r.lists) expect(l.since <= readPointer(dataDir)!.as_of).toBe(true);
    }
    expect(restricted).toBeGreaterThan(0);
  });

  it('lists the public penalties the profile shows as public, and no others', async () => {
    const usccs = [...keyFlags.keys()].slice(0, 15);
    const { results } = await check({ usccs });
    for (const r of results) {
      const res = await fetch(`${server.url}/api/v1/entities/${r.uscc}`, bearer(tokens.analyst!));
      const profile = (await res.json()) as { penalties: Array<{ event_id: string; publication_status: string }> };
      const want = profile.penalties.filter((p) => p.publication_status === 'public').map((p) => p.event_id);
      expect(r.public_penalties.map((p) => p.event_id).sort(), r.uscc!).toEqual(want.sort());
    }
  });
});

describe('names', () => {
  let build: string;
  beforeAll(() => {
    build = paths.pointedFile(dataDir, readPointer(dataDir)!.file);
  });
  const marts = <T>(sql: string) => withDb(build, { readOnly: true }, (db) => db.all<T>(sql));

  it('resolves a flagged entity’s name to its USCC with the same facts, or lists it among the candidates', async () => {
    const rows = answerKey<{ uscc: string; name: string }>('cross-domain-violators').slice(0, 10);
    const byName = await check({ names: rows.map((r) => r.name) });
    const byUscc = await check({ usccs: rows.map((r) => r.uscc) });
    rows.forEach((row, i) => {
      const r = byName.results[i]!;
      if (r.match === 'ambiguous') expect(r.candidates!.map((c) => c.uscc)).toContain(row.uscc);
      else expect(r).toEqual({ ...byUscc.results[i], query: row.name, match: 'name' });
    });
    expect(byName.results.filter((r) => r.match === 'name').length).toBeGreaterThan(0);
  });

  it('never guesses an ambiguous name: the candidates with their names, nothing chosen', async () => {
    const [shared] = await marts<{ name: string; usccs: string[] }>(
      `select any_value(name) as name, list(uscc order by uscc) as usccs from check_names
       group by name_norm having count(*) > 1 order by name_norm limit 1`,
    );
    expect(shared, 'the shared world has a name two register entities carry').toBeDefined();
    const { results } = await check({ names: [`  ${shared!.name.replaceAll('(', '（').replaceAll(')', '）')}`] });
    expect(results[0]).toMatchObject({
      match: 'ambiguous',
      uscc: null,
      name: null,
      verdict: 'clear',
      resolved: false,
      lists: [],
    });
    expect(results[0]!.candidates!.map((c) => c.uscc)).toEqual(shared!.usccs);
    expect(results[0]!.candidates!.every((c) => c.name)).toBe(true);
  });

  it('resolves a former register name, and suggests similar names for one that resolves to nothing', async () => {
    const [former] = await marts<{ name: string; uscc: string }>(
      `select name, uscc from check_names where is_former_name
       and name_norm in (select name_norm from check_names group by 1 having count(*) = 1) order by uscc limit 1`,
    );
    expect(former).toBeDefined();
    const { results } = await check({ names: [former!.name, `${former!.name}甲乙`, '完全不存在的某某某某有限公司'] });
    const [byFormer, typo, nothing] = results as [Result, Result, Result];
    expect(byFormer).toMatchObject({ match: 'name', uscc: former!.uscc });
    expect(byFormer.name).not.toBe(former!.name);
    expect(typo).toMatchObject({ match: 'not_found', uscc: null, verdict: 'clear', resolved: false });
    expect(typo.suggestions![0]).toMatchObject({ uscc: former!.uscc, why: 'similar_former_name' });
    expect(typo.suggestions![0]!.similarity).toBeGreaterThan(0.85);
    expect(nothing).toMatchObject({ match: 'not_found', uscc: null });
  });
});

describe('a batch of 10,000', () => {
  it('answers every subject, the known ones as alone', async () => {
    const known = [...keyFlags.keys()];
    const usccs = Array.from({ length: 10_000 }, (_, i) =>
      i % 100 === 0 ? known[(i / 100) % known.length]! : unknownUscc(i),
    );
    const { results, check_id } = await check({ usccs });
    expect(results).toHaveLength(10_000);
    expect(results.every((r, i) => r.query === usccs[i] && r.match === 'uscc')).toBe(true);
    results.forEach((r, i) => {
      if (i % 100 === 0) expect(r.flags).toEqual([...keyFlags.get(r.uscc!)!].sort());
      else expect(r.verdict).toBe('clear');
    });
    expect(readChecks(dataDir).find((c) => c.check_id === check_id)?.subjects).toBe(10_000);
    // A large check's results live in a file of their own, so the month's lines that coverage reads stay small.
    expect(statSync(paths.checkResults(dataDir, check_id)).mode & 0o777).toBe(0o600);
    expect(findCheck(dataDir, check_id)?.results.map((r) => r.query)).toEqual(usccs);
    const month = findCheck(dataDir, check_id)!.checked_at.slice(0, 7);
    const line = readFileSync(paths.checkRecords(dataDir, month), 'utf8')
      .split('\n')
      .find((l) => l.includes(check_id))!;
    expect(line.length).toBeLessThan(2_000);
  });
});

describe('check records', () => {
  it('keeps who, department, when, purpose, subjects and verdicts, privately, and audits the read', async () => {
    const flagged = [...keyFlags.keys()][1]!;
    const body = await check({ usccs: [flagged, 'bad'], purpose: '政府采购' }, 'market');
    const rec = findCheck(dataDir, body.check_id)!;
    expect(readChecks(dataDir).find((c) => c.check_id === body.check_id)).toEqual({ ...rec, results: undefined });
    expect(rec).toMatchObject({
      user: 'market',
      role: 'department',
      department: MARKET,
      purpose: '政府采购',
      via: 'api',
      subjects: 2,
      build_id: body.build_id,
      as_of: body.as_of,
    });
    expect(rec.verdicts.unresolved).toBe(1);
    expect(rec.results.map((r) => [r.query, r.verdict])).toEqual([
      [flagged, body.results[0]!.verdict],
      // The record keeps what the page shows: no verdict for a subject that did not resolve (无法核查).
      ['bad', null],
    ]);
    expect(Date.now() - Date.parse(rec.checked_at)).toBeLessThan(60_000);
    const month = rec.checked_at.slice(0, 7);
    expect(statSync(paths.checks(dataDir)).mode & 0o777).toBe(0o700);
    expect(statSync(paths.checkRecords(dataDir, month)).mode & 0o777).toBe(0o600);
    // A check of a few subjects keeps its results on its own line: no file per check.
    expect(existsSync(paths.checkResults(dataDir, body.check_id))).toBe(false);
    const line = readFileSync(paths.checkRecords(dataDir, month), 'utf8')
      .split('\n')
      .find((l) => l.includes(body.check_id))!;
    expect((JSON.parse(line) as { results: unknown[] }).results).toHaveLength(2);
    const audit = (await readAudit(dataDir)).filter((a) => a.action === 'credit_check' && a.target === body.check_id);
    expect(audit).toEqual([expect.objectContaining({ user: 'market', rows: 2, build_id: body.build_id })]);
  });

  it('takes a department’s feedback on a subject granted despite a restricted verdict, once, from that department only', async () => {
    const restricted = [...keyLists].find(([, kinds]) => kinds.has('serious_list') || kinds.has('court_dishonest'))![0];
    const clear = unknownUscc(9);
    const { check_id } = await check({ usccs: [restricted, clear], purpose: '行政许可' }, 'market');
    const feedback = (uscc: string, role: string, reason = '经集体研究，依法予以许可') =>
      post({ uscc, reason }, role, `/api/v1/checks/${check_id}/feedback`);
    expect((await feedback(restricted, 'tax')).status).toBe(403);
    const notRestricted = await feedback(clear, 'market');
    expect(notRestricted.status).toBe(400);
    expect(((await notRestricted.json()) as { error: { message: string } }).error.message).toMatch(/不是“限制”/);
    expect((await feedback(restricted, 'market', '  ')).status).toBe(400);
    const ok = await feedback(restricted, 'market');
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ check_id, uscc: restricted, department: MARKET, recorded_by: 'market' });
    expect((await feedback(restricted, 'market')).status).toBe(400);
    expect(readFeedback(dataDir).filter((f) => f.check_id === check_id)).toHaveLength(1);
    expect((await post({ uscc: restricted, reason: 'x' }, 'market', '/api/v1/checks/ck-nope/feedback')).status).toBe(
      404,
    );
  });

  it('counts checks per department and month in the dataset `checks`, scoped for departments, readable by leaders', async () => {
    const all = readChecks(dataDir);
    const get = async (role: string, query = '') => {
      const res = await fetch(`${server.url}/api/v1/datasets/checks${query}`, bearer(tokens[role]!));
      expect(res.status).toBe(200);
      return (await res.json()) as { total: number; rows: Array<Record<string, unknown>> };
    };
    const office = await get('office');
    const market = office.rows.find((r) => r.department === MARKET)!;
    const mine = all.filter((c) => c.department === MARKET);
    expect(market).toEqual({
      department: MARKET,
      month: all[0]!.checked_at.slice(0, 7),
      checks: mine.length,
      subjects: mine.reduce((n, c) => n + c.subjects, 0),
      restricted: mine.reduce((n, c) => n + c.verdicts.restricted, 0),
      caution: mine.reduce((n, c) => n + c.verdicts.caution, 0),
      clear: mine.reduce((n, c) => n + c.verdicts.clear, 0),
      unresolved: mine.reduce((n, c) => n + c.verdicts.unresolved, 0),
      granted_despite_restricted: 1,
    });
    expect(office.rows.reduce((n, r) => n + (r.checks as number), 0)).toBe(all.length);
    expect((await get('market')).rows.map((r) => r.department)).toEqual([MARKET]);
    expect((await get('tax')).rows).toEqual([]);
    expect((await get('leader')).total).toBe(office.total);
    const csv = await fetch(`${server.url}/api/v1/datasets/checks?format=csv`, bearer(tokens.office!));
    // `sentinel export checks` reads the same records, without a build's as-of.
    const cli = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, 'export', 'checks', '--format', 'json'], {
      encoding: 'utf8',
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(office.rows);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split(/\r?\n/)[0]).toBe(
      'department,month,checks,subjects,restricted,caution,clear,unresolved,granted_despite_restricted',
    );
  });
});
