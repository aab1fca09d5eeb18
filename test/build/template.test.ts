import { describe, it, expect } from 'vitest';
import { compileAll } from '../../pipelines/build/compile.js';
import { loadProject } from '../../pipelines/build/project.js';
import { parseTokens, render, sqlLiteral } from '../../pipelines/build/template.js';
import { config, project } from './helpers.js';

describe('model templating', () => {
  it('renders refs, sources, variables and configuration values as SQL', () => {
    const p = loadProject(
      project(null, {
        'marts/m.sql': `select * from {{ ref('n') }}, {{ source('raw', 'penalties') }}
where d <= {{ var('as_of') }} and c >= {{ config('flags.repeat_min_events') }} and t = {{ config('timezone') }}`,
        'marts/n.sql': `select 1`,
      }),
    );
    const sql = compileAll(p, { asOf: '2025-12-31', buildId: 'b1', config }).models.get('m')!.sql;
    expect(sql).toBe(`select * from main."n", "raw"."penalties"
where d <= DATE '2025-12-31' and c >= 3 and t = 'Asia/Shanghai'`);
  });

  it('quotes string values so they cannot break out of the literal', () => {
    expect(sqlLiteral("x'); drop table t; --")).toBe(`'x''); drop table t; --'`);
    expect(sqlLiteral(['a', 1, true, null])).toBe(`['a', 1, true, NULL]`);
  });

  it('refuses anything but the four calls, naming the file and line', () => {
    expect(() => parseTokens(`select 1\n-- x\nfrom {{ run_query('drop table t') }}`, 'm.sql')).toThrow(
      /^m.sql:3: cannot read/,
    );
    expect(() => parseTokens(`{% if true %}select 1{% endif %}`, 'm.sql')).toThrow(
      /m.sql:1: '\{%' blocks are not supported/,
    );
    expect(() => parseTokens(`{{ ref('a', 'b') }}`, 'm.sql')).toThrow(/ref\(\) takes 1 quoted argument/);
  });

  it('refuses an unknown variable or configuration path before anything runs', () => {
    const p = loadProject(project(null, { 'marts/m.sql': `select {{ config('flags.no_such_rule') }}` }));
    expect(() => compileAll(p, { asOf: '2025-12-31', buildId: 'b', config })).toThrow(
      /marts\/m.sql: config\('flags.no_such_rule'\) names no configuration value/,
    );
    const q = loadProject(project(null, { 'marts/m.sql': `select {{ var('today') }}` }));
    expect(() => compileAll(q, { asOf: '2025-12-31', buildId: 'b', config })).toThrow(
      /var\('today'\) is not a variable/,
    );
    const r = loadProject(project(null, { 'marts/m.sql': `select {{ config('flags') }}` }));
    expect(() => compileAll(r, { asOf: '2025-12-31', buildId: 'b', config })).toThrow(/not a scalar/);
  });

  it('replaces a token that appears twice', () => {
    const sql = `{{ ref('a') }} {{ ref('a') }}`;
    const out = render(sql, parseTokens(sql, 'x'), {
      ref: (m) => `R(${m})`,
      source: () => '',
      var: () => null,
      config: () => null,
    });
    expect(out).toBe('R(a) R(a)');
  });

  it('names a macro-written expression test by its stable name, its SQL rendered per engine', () => {
    const lambda = "len(list_filter(lists, x -> x <> 'a')) = 0";
    const p = loadProject(
      project(null, {
        'marts/m.sql': `select ['a'] as lists`,
        'marts/_marts.yml': `
models:
  - name: m
    tests:
      - expression:
          name: "${lambda}"
          sql: "len({{ list_filter('lists', 'x', \\"x <> 'a'\\") }}) = 0"
`,
      }),
    );
    const vars = { asOf: '2025-12-31', buildId: 'b', config };
    const test = (engine?: 'postgres') =>
      compileAll(p, vars, engine && { engine, ref: (m) => `b.${m}`, source: (a, t) => `${a}.${t}` }).tests[0]!;
    expect(test().test.name).toBe(`expression(m: ${lambda})`);
    expect(test().sql).toBe(`select * from main."m" where not (${lambda})`);
    expect(test('postgres').sql).toContain(`from unnest(lists) with ordinality as cs__u(x, cs__i) where x <> 'a'`);
  });

  it('refuses a model reading a serving index, which the PostgreSQL engine builds only in the serving file', () => {
    const files = {
      'marts/idx.sql': `select 1 as x`,
      'marts/_marts.yml': `models:\n  - name: idx\n    config: { serving_index: true }\n`,
    };
    expect(() => loadProject(project(null, files))).not.toThrow();
    expect(() => loadProject(project(null, { ...files, 'marts/m.sql': `select * from {{ ref('idx') }}` }))).toThrow(
      /model m reads idx, a serving_index that only the pages may read/,
    );
  });
});
