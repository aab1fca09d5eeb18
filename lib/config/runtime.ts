import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { todayInShanghai, parseIsoDate } from '../dates.js';

/** Settings that come from the command line or the environment; the only reader of process.env. */
export interface Runtime {
  dataDir: string;
  asOf: string;
  asOfExplicit: boolean;
  configPath: string | undefined;
}

export function resolveRuntime(
  flags: { dataDir?: string; asOf?: string; config?: string },
  env: NodeJS.ProcessEnv = process.env,
  now: Date = new Date(),
): Runtime {
  const dataDir = resolve(flags.dataDir ?? env.SENTINEL_DATA_DIR ?? 'data/local');
  const asOfText = flags.asOf ?? env.SENTINEL_AS_OF;
  if (asOfText !== undefined && parseIsoDate(asOfText) === null) {
    throw new ConfigError(`--as-of must be a date written YYYY-MM-DD, got "${asOfText}"`);
  }
  return {
    dataDir,
    asOf: asOfText ?? todayInShanghai(now),
    asOfExplicit: asOfText !== undefined,
    configPath: flags.config ?? env.SENTINEL_CONFIG,
  };
}
