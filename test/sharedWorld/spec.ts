/**
 * The one generated world every run shares: the demo's county (tiny scale, seed 1, default dirt, as of
 * 2025-12-31), generated, ingested and built once per run by test/sharedWorld/build.ts.
 */
import { join } from 'node:path';
import type { Scale } from '../../generator/generate.js';

export const SHARED_WORLD = { scale: 'tiny' as Scale, seed: 1, asOf: '2025-12-31' } as const;

/** Where the parts of the shared world live under the directory globalSetup provides. */
export const sharedWorldPaths = (root: string) => ({
  /** The generator's output before ingest: the inbox still full, the answer key beside it. */
  generated: join(root, 'generated'),
  /** The same world after the real ingest and build: a published build, the inbox archived. */
  built: join(root, 'built'),
  /** Written last: {"status":"ready"} or {"status":"failed","error":…}. */
  status: join(root, 'status.json'),
});

export type SharedWorldStatus = { status: 'ready'; seconds: number } | { status: 'failed'; error: string };

declare module 'vitest' {
  export interface ProvidedContext {
    /** The directory the shared world is built in (test/globalSetup.ts). */
    sharedWorldRoot: string;
  }
}
