import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../lib/db.js';
import { loadReference } from '../../lib/reference/index.js';
import { itWithSpec } from '../spec.js';
import { freshDb } from './helpers.js';

// The documented join of docs/reference-data.md: first row in table order whose keyword the name contains.
const DOMAIN_JOIN = `
  select a.authority, coalesce(arg_min(d.domain, d.priority), 'other') as domain
  from authorities a
  left join ref.authority_domains d on contains(a.authority, d.keyword)
  group by a.authority`;

const NAMES = {
  厦门市海沧区人民法院: 'judicial',
  国家税务总局厦门市海沧区税务局人民法院联络组: 'judicial',
  厦门市海沧区市场监督管理局: 'market',
  厦门市市场监管综合执法支队: 'market',
  厦门市海沧区人力资源和社会保障局: 'labour',
  厦门市海沧区文化和旅游局: 'culture_tourism',
  厦门市海沧区城市管理和综合执法局: 'urban_management',
  厦门海关: 'customs',
  厦门市海沧区老年协会: 'other',
} as const;

describe('authority → domain table', () => {
  let ctx: Awaited<ReturnType<typeof freshDb>>;
  let db: Db;
  beforeAll(async () => {
    ctx = await freshDb();
    db = ctx.db;
    await loadReference(db);
    await db.run('create table authorities (authority varchar)');
    for (const name of Object.keys(NAMES)) await db.run('insert into authorities values (?)', [name]);
  });
  afterAll(() => ctx.close());

  it('gives a name containing both 人民法院 and 税务 the domain of the earlier row, judicial', async () => {
    expect(await db.value(`select ref.domain_of('国家税务总局厦门市海沧区税务局人民法院联络组')`)).toBe('judicial');
  });

  it('maps names through the documented join and through ref.domain_of alike', async () => {
    const joined = await db.all<{ authority: string; domain: string }>(`${DOMAIN_JOIN} order by authority`);
    expect(Object.fromEntries(joined.map((r) => [r.authority, r.domain]))).toEqual(NAMES);
    const viaMacro = await db.all<{ authority: string; domain: string }>(
      'select authority, ref.domain_of(authority) as domain from authorities',
    );
    expect(Object.fromEntries(viaMacro.map((r) => [r.authority, r.domain]))).toEqual(NAMES);
  });

  it('keeps 市场监督管理 and 市场监管 as two rows of one priority', async () => {
    const rows = await db.all(
      `select priority, keyword, domain from ref.authority_domains where domain = 'market' order by rowid`,
    );
    expect(rows).toEqual([
      { priority: 2, keyword: '市场监督管理', domain: 'market' },
      { priority: 2, keyword: '市场监管', domain: 'market' },
    ]);
  });

  it('lists every domain once, in table order, ending with other', async () => {
    const domains = (await db.all<{ domain: string }>('select domain from ref.domains')).map((r) => r.domain);
    expect(domains[0]).toBe('judicial');
    expect(domains.at(-1)).toBe('other');
    expect(new Set(domains).size).toBe(23);
  });

  itWithSpec('ships the table of rules.md §2 row for row', 'rules.md', async (rulesPath) => {
    const section = readFileSync(rulesPath, 'utf8').split('## 2.')[1]!.split('\n## ')[0]!;
    const expected = section
      .split('\n')
      .filter((l) => /^\| [^-]/.test(l) && !l.startsWith('| keyword'))
      .flatMap((l, i) => {
        const [keywords, domain, label] = l
          .split('|')
          .slice(1, 4)
          .map((c) => c.trim());
        return keywords!.split(' / ').map((k) => ({ priority: i + 1, keyword: k, domain, label }));
      });
    const shipped = await db.all(
      'select priority, keyword, domain, label from ref.authority_domains order by priority, rowid',
    );
    expect(shipped).toEqual(expected);
  });
});
