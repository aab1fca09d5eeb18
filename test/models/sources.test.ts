import { describe, it, expect, beforeAll } from 'vitest';
import { DEFAULT_MODELS_DIR } from '../../pipelines/build/build.js';
import { loadProject } from '../../pipelines/build/project.js';
import { CONTRACTS } from '../../pipelines/ingest/contracts/index.js';
import { LANDING_COLUMNS } from '../../pipelines/ingest/sql.js';
import type { Project } from '../../pipelines/build/types.js';
import { project } from '../build/helpers.js';
import { freshSourceColumns, type SourceColumns } from './freshSources.js';

describe('models/_sources.yml', () => {
  let p: Project;
  let fresh: SourceColumns;
  beforeAll(async () => {
    p = loadProject(DEFAULT_MODELS_DIR);
    fresh = await freshSourceColumns([...p.sources.keys()]);
  });

  it('declares exactly the sources the models read with source()', () => {
    const read = new Set(
      [...p.models.values()].flatMap((m) =>
        m.sources.filter((s) => s.schema !== 'snapshots').map((s) => `${s.schema}.${s.table}`),
      ),
    );
    expect([...p.sources.keys()].sort()).toEqual([...read].sort());
  });

  it('declares every raw source of the ingest contracts, with the contract fields in the raw view', () => {
    for (const c of Object.values(CONTRACTS)) {
      const declared = p.sources.get(`raw.${c.source}`);
      expect(declared, `raw.${c.source}`).toBeDefined();
      const names = declared!.columns.map((x) => x.name);
      // The raw view: the landing columns (with the findings beside the reason), then fields, then derived.
      const expected = [
        ...LANDING_COLUMNS.map(([n]) => n).flatMap((n) => (n === '_key' ? ['_findings', n] : [n])),
        ...c.fields.map((f) => f.name),
        ...(c.derived ?? []).map((d) => d.name),
      ];
      expect(names, `raw.${c.source}`).toEqual(expected);
    }
  });

  it('gives every source the columns and DuckDB types of a fresh warehouse and build file', () => {
    for (const [key, decl] of p.sources) expect(decl.columns, key).toEqual(fresh.get(key));
  });

  it('makes the runner refuse a source() that is not declared', () => {
    const files = {
      '_sources.yml': `sources:\n  - name: raw\n    tables:\n      - name: items\n`,
      'staging/stg_items.sql': `select * from {{ source('raw', 'items') }}`,
      'staging/stg_other.sql': `select * from {{ source('raw', 'itmes') }}`,
    };
    expect(() => loadProject(project(null, files))).toThrow(
      /undeclared source\(s\)[\s\S]*model stg_other \(staging\/stg_other.sql\) reads source\('raw', 'itmes'\)/,
    );
    const { 'staging/stg_other.sql': _, ...declared } = files;
    expect(loadProject(project(null, declared)).sources.get('raw.items')?.table).toBe('items');
  });
});
