/** A separate process that runs one ingest, for the kill -9 test (only the ingest's modules load). */
import { ingest } from '../../pipelines/ingest/run.js';
import { loadConfig } from '../../lib/config/load.js';
import { createLog, silentLog } from '../../lib/log.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: ingest-child.ts DATA_DIR [LOG_LEVEL]');
const level = process.argv[3];
const { outcomes } = await ingest({ dataDir, config: loadConfig(), log: level ? createLog(level) : silentLog() });
process.exitCode = outcomes.some((o) => o.status === 'failed') ? 1 : 0;
