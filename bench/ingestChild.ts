/**
 * Runs the product's ingest on one data directory in its own process, so its peak RSS is the
 * ingest's alone, and prints {seconds, startedAt, finishedAt, maxRssKb, outcomes} as JSON on stdout; its
 * progress log goes to stderr, where the parent reads the phases from.
 * Usage: node --import tsx bench/ingestChild.ts <dataDir> [logLevel]
 */
import { loadConfig } from '../lib/config/load.js';
import { createLog } from '../lib/log.js';
import { ingest } from '../pipelines/ingest/run.js';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: ingestChild.ts <dataDir>\n');
  process.exit(2);
}
const startedAt = Date.now();
const started = performance.now();
// The benchmark writes its extracts whole before the ingest starts: no settle wait (ingest.settle_seconds).
const config = loadConfig({ override: { ingest: { settle_seconds: 0 } } });
const { outcomes } = await ingest({ dataDir, config, log: createLog(process.argv[3] ?? 'warn') });
const seconds = (performance.now() - started) / 1000;
const finishedAt = Date.now();
// maxRSS is in kilobytes on Linux.
process.stdout.write(
  `${JSON.stringify({ seconds, startedAt, finishedAt, maxRssKb: process.resourceUsage().maxRSS, outcomes })}\n`,
);
