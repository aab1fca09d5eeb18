import { describe, it, expect } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { DEFAULT_MODELS_DIR } from '../../pipelines/build/build.js';
import { loadProject } from '../../pipelines/build/project.js';
import { runUnitTest } from '../../pipelines/build/unit-tests.js';

/** Every unit test of the project (unit_tests: in the models' YAML), each in its own fresh DuckDB. */
describe('model unit tests', () => {
  const project = loadProject(DEFAULT_MODELS_DIR);
  const config = loadConfig();

  it('covers the working-day deadlines, the publication ends and the repairs and what they stop counting', () => {
    const models = new Set(project.unitTests.map((u) => u.model));
    for (const m of ['int_working_day_deadlines', 'int_publication_rules_versioned', 'int_penalties_assessed'])
      expect(models).toContain(m);
    for (const m of ['int_repairs_linked', 'int_events_judged']) expect(models).toContain(m);
  });

  it.each(project.unitTests.map((u) => [u.name, u] as const))('%s', async (_name, ut) => {
    const r = await runUnitTest(project, ut, config);
    expect({ status: r.status, message: r.message, missing: r.missing, unexpected: r.unexpected }).toEqual({
      status: 'pass',
      message: null,
      missing: [],
      unexpected: [],
    });
  });
});
