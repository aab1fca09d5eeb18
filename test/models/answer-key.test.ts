import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { datasetSpec } from '../../lib/datasets.js';
import { readPublishedDataset } from '../../pipelines/export/published.js';
import { toJson } from '../../pipelines/export/formats.js';
import { generate } from '../../pipelines/generate/generate.js';
import { DEFAULT_DIRT } from '../../pipelines/generate/dirt.js';
import { World } from './world.js';

const AS_OF = '2025-06-30';
const world = new World();
const out = join(world.dir);

beforeAll(async () => {
  await generate({ scale: 'tiny', seed: 1, asOf: AS_OF, out, dirt: DEFAULT_DIRT, progress: () => {} });
  await world.ingest(loadConfig());
  await world.build(AS_OF);
}, 300_000);

describe('a generated tiny county', () => {
  for (const name of ['repeat-violators', 'cross-domain-violators', 'persistent-violators', 'legal-rep-links']) {
    it(`exports ${name} exactly as the generator's answer key`, async () => {
      const spec = datasetSpec(name)!;
      const { rows } = await readPublishedDataset(out, spec, { value: AS_OF, explicit: true });
      const got: unknown = JSON.parse(toJson(spec.columns, rows).toString('utf8'));
      const want: unknown = JSON.parse(readFileSync(join(out, 'answer-key', `${name}.json`), 'utf8'));
      expect(got).toEqual(want);
    });
  }
});
