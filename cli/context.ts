import { loadConfig } from '../lib/config/load.js';
import type { Config } from '../lib/config/schema.js';
import { resolveRuntime, type Runtime } from '../lib/config/runtime.js';
import { statSync } from 'node:fs';
import { createLog, type Log } from '../lib/log.js';
import { InputError } from '../lib/errors.js';

/** What every command receives: settings, configuration and a logger (effects passed in). */
export interface CommandContext {
  runtime: Runtime;
  config: Readonly<Config>;
  log: Log;
  /** Writes the command's summary or output to stdout. */
  out: (text: string) => void;
}

export interface GlobalFlags {
  dataDir?: string;
  asOf?: string;
  config?: string;
  logLevel?: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Flags checked before anything runs, so a typo gets one line naming the value, never a stack trace. */
function checkFlags(flags: GlobalFlags, runtime: Runtime): void {
  if (flags.logLevel !== undefined && !LOG_LEVELS.includes(flags.logLevel))
    throw new InputError(`--log-level 应为 ${LOG_LEVELS.join('、')} 之一，收到“${flags.logLevel}”`);
  let isFile = false;
  try {
    isFile = !statSync(runtime.dataDir).isDirectory();
  } catch {
    // a missing data directory is for each command to judge: demo and generate create it, ingest refuses
  }
  if (isFile) throw new InputError(`数据目录不是文件夹：${runtime.dataDir}（请检查 --data-dir 或 SENTINEL_DATA_DIR）`);
}

export function createContext(flags: GlobalFlags): CommandContext {
  const runtime = resolveRuntime(flags);
  checkFlags(flags, runtime);
  const config = loadConfig({ overridePath: runtime.configPath });
  return {
    runtime,
    config,
    log: createLog(flags.logLevel ?? 'info'),
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  };
}
