import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { configSchema, type Config } from './schema.js';
import { ConfigError } from '../errors.js';

export const DEFAULT_CONFIG_PATH = fileURLToPath(new URL('../../sentinel.config.yaml', import.meta.url));

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge of plain objects; arrays and scalars in `over` replace those in `base`. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlain(base) || !isPlain(over)) return over === undefined ? base : over;
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function readYaml(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read configuration file ${path}: ${(e as Error).message}`);
  }
  try {
    return parseYaml(text);
  } catch (e) {
    throw new ConfigError(`configuration file ${path} is not valid YAML: ${(e as Error).message}`);
  }
}

/**
 * Reads the shipped defaults, merges an optional override file (or an in-memory override, for
 * tests) over them, validates and freezes the result.
 */
export function loadConfig(opts: { overridePath?: string; override?: unknown } = {}): Readonly<Config> {
  let merged = readYaml(DEFAULT_CONFIG_PATH);
  if (opts.overridePath) merged = deepMerge(merged, readYaml(opts.overridePath));
  if (opts.override !== undefined) merged = deepMerge(merged, opts.override);
  // YAML reads an unquoted 2023-05-01 as a string with the default schema; keep it that way.
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const where = opts.overridePath ? `${DEFAULT_CONFIG_PATH} + ${opts.overridePath}` : DEFAULT_CONFIG_PATH;
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new ConfigError(`invalid configuration (${where}):\n${issues}`);
  }
  return deepFreeze(parsed.data);
}
