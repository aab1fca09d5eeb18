import { defineConfig } from 'vitest/config';
import DurationSequencer from './test/sequence/sequencer.js';

// Tests run real DuckDB files, real servers and real processes: give them time, and keep
// parallelism modest because the machines have two cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    env: { TZ: 'Asia/Shanghai' },
    // One temporary directory per run, removed at its end (test/globalSetup.ts).
    globalSetup: ['test/globalSetup.ts'],
    // Longest files first, by the committed table of their durations (test/sequence/sequencer.ts).
    sequence: { sequencer: DurationSequencer },
  },
});
