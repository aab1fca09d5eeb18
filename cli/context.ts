import { loadConfig } from '../lib/config/load.js';
import type { Config } from '../lib/config/schema.js';
import { resolveRuntime, type Runtime } from '../lib/config/runtime.js';
import { createLog, type Log } from '../lib/log.js';

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

export function createContext(flags: GlobalFlags): CommandContext {
  const runtime = resolveRuntime(flags);
  const config = loadConfig({ overridePath: runtime.configPath });
  return {
    runtime,
    config,
    log: createLog(flags.logLevel ?? 'info'),
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  };
}
