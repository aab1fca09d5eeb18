/** The generated mart types: DuckDB → TypeScript as lib/db returns values, and the committed file is current. */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  formattedMartTypes,
  martTypeSource,
  MART_TYPES_FILE,
  readMarts,
  tsType,
} from '../../pipelines/build/martTypeSource.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

describe('tsType', () => {
  it.each([
    ['VARCHAR', 'string'],
    ['varchar', 'string'],
    ['BIGINT', 'number'],
    ['INTEGER', 'number'],
    ['DOUBLE', 'number'],
    ['DECIMAL(18,2)', 'number'],
    ['BOOLEAN', 'boolean'],
    ['DATE', 'string'],
    ['TIMESTAMP WITH TIME ZONE', 'string'],
    ['VARCHAR[]', 'string[]'],
    ['INTEGER[][]', 'number[][]'],
    ['STRUCT(k VARCHAR, "v w" BIGINT)[]', '{ k: string | null; "v w": number | null }[]'],
    ['MAP(VARCHAR, VARCHAR)', 'Record<string, string | null>'],
  ])('%s → %s', (duck, ts) => expect(tsType(duck)).toBe(ts));

  it('refuses a type it does not know instead of guessing', () => {
    expect(() => tsType('GEOMETRY')).toThrow(/no TypeScript type is known for the DuckDB type GEOMETRY/);
  });
});

function martsDir(yaml: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'mart-types-')), 'marts');
  mkdirSync(join(dir, 'profile'), { recursive: true });
  writeFileSync(join(dir, 'profile', '_p.yml'), yaml);
  return dir;
}

describe('martTypeSource', () => {
  it('writes one interface per mart, nullable unless a not_null test says otherwise, and the Marts interface', () => {
    const dir = martsDir(`models:
  - name: entity_things
    description: Things.
    columns:
      - { name: uscc, data_type: VARCHAR, description: The code., tests: [not_null] }
      - { name: seen, data_type: DATE, tests: [{ not_null: { severity: warn } }] }
      - { name: tags, data_type: 'VARCHAR[]' }
`);
    const text = martTypeSource(readMarts(dir));
    expect(text).toContain('export interface EntityThingsRow {\n  /** The code. */\n  uscc: string;\n');
    expect(text).toContain('  seen: string;\n  tags: string[] | null;\n}');
    expect(text).toContain('export interface Marts {\n  entity_things: EntityThingsRow;\n}');
  });

  it('names the column that has no data_type', () => {
    const dir = martsDir('models:\n  - name: m\n    columns:\n      - name: c\n');
    expect(() => readMarts(dir)).toThrow('profile/_p.yml: column m.c has no data_type');
  });

  it(`the committed ${MART_TYPES_FILE} is what \`sentinel types\` writes from models/marts`, async () => {
    const target = join(REPO, MART_TYPES_FILE);
    const expected = await formattedMartTypes(join(REPO, 'models', 'marts'), target);
    expect(readFileSync(target, 'utf8'), 'stale: run `node bin/sentinel.js types`').toBe(expected);
  });
});
