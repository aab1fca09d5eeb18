/**
 * The warehouse-writing work `sentinel start` runs (in a child process, see childJob.ts) and a
 * delegating `sentinel ingest|build|run` asks it for. The outcome carries the same summary the
 * command prints when it runs the work itself, so a delegated command looks the same to its caller.
 */
import type { Config } from '../../lib/config/schema.js';
import type { Log } from '../../lib/log.js';
import { ingest } from '../ingest/run.js';
import { build } from '../build/build.js';
import { unreadFiles } from '../ingest/outcome.js';
import { ingestSummary } from '../ingest/summary.js';
import { buildSummary } from '../build/summary.js';

export const WORK_NAMES = ['ingest', 'build', 'run'] as const;
export type WorkName = (typeof WORK_NAMES)[number];

export interface WorkRequest {
  job: WorkName;
  /** Build options; ignored by ingest. */
  asOf?: string;
  fullRefresh?: boolean;
  /** Build for an as-of after today (`--allow-future`). */
  allowFuture?: boolean;
  select?: string[];
  modelsDir?: string;
  /** Where the build runs; unset, the config's builds.engine. */
  engine?: 'duckdb' | 'postgres';
}

export interface WorkOutcome {
  ok: boolean;
  /** What the command prints on stdout. */
  summary: string;
  /** One line for the run record: what was loaded or published, or why it failed. */
  message: string;
}

export function isWorkName(v: unknown): v is WorkName {
  return (WORK_NAMES as readonly unknown[]).includes(v);
}

export async function doWork(
  req: WorkRequest & { asOf: string },
  ctx: { dataDir: string; config: Readonly<Config>; log: Log },
): Promise<WorkOutcome> {
  const parts: string[] = [];
  const messages: string[] = [];
  let ok = true;
  if (req.job === 'ingest' || req.job === 'run') {
    const { outcomes } = await ingest({ dataDir: ctx.dataDir, config: ctx.config, log: ctx.log });
    parts.push(ingestSummary(outcomes));
    // Refused files and skipped deliveries make the run need attention, as `sentinel ingest` exits 1 for them.
    const unread = unreadFiles(outcomes);
    const loaded = outcomes.filter((o) => o.status === 'loaded').length;
    const named = unread.map((o) => `${o.source}/${o.file}: ${o.message}`).join('; ');
    messages.push(
      unread.length > 0
        ? `${unread.length} inbox file(s) refused or skipped (${named}); ${loaded} loaded`
        : `${loaded} inbox file(s) loaded`,
    );
    if (unread.length > 0) ok = false;
  }
  if (req.job === 'build' || req.job === 'run') {
    const result = await build({
      dataDir: ctx.dataDir,
      config: ctx.config,
      asOf: req.asOf,
      log: ctx.log,
      modelsDir: req.modelsDir,
      select: req.select,
      fullRefresh: req.fullRefresh ?? false,
      allowFuture: req.allowFuture ?? false,
      engine: req.engine,
    });
    parts.push(buildSummary(result));
    messages.push(
      result.published
        ? `published build ${result.buildId} (as-of ${result.asOf})`
        : `build ${result.buildId} not published: ${result.message}`,
    );
    if (!result.published) ok = false;
  }
  return { ok, summary: parts.join('\n'), message: messages.join('; ') };
}
