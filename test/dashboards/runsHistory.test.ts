/**
 * The runs page's build history (dashboards/runs/query.ts) is read from the warehouse once and kept while
 * the warehouse file and its WAL are unchanged; a build that writes its record makes it read again.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { silentLog } from '../../lib/log.js';
import { build } from '../../pipelines/build/build.js';
import { buildHistory } from '../../dashboards/runs/query.js';
import { addPenalties, config, tempDir } from '../build/helpers.js';

const FIXTURE = join(import.meta.dirname, '..', 'engine', 'fixtures', 'basic');
const run = (dataDir: string) => build({ dataDir, modelsDir: FIXTURE, config, asOf: '2025-12-31', log: silentLog() });

it('keeps the history while the warehouse is unchanged and reads it again after a build', async () => {
  const dataDir = tempDir('runs-history');
  expect(await buildHistory(dataDir)).toEqual({ source: 'no_warehouse', builds: [] });
  await addPenalties(dataDir, [
    { file: 1, key: 'a|1', authority: 'a', date: '2025-11-01', fine: 10, uscc: '91350200MA2XXXXX0X' },
  ]);
  const first = await run(dataDir);
  const seen = await buildHistory(dataDir);
  expect(seen.builds.map((b) => b.build_id)).toEqual([first.buildId]);
  // Nothing wrote to the warehouse: the same answer, not read again.
  expect(await buildHistory(dataDir)).toBe(seen);
  const second = await run(dataDir);
  const after = await buildHistory(dataDir);
  expect(after).not.toBe(seen);
  expect(after.builds.map((b) => b.build_id).sort()).toEqual([first.buildId, second.buildId].sort());
});
