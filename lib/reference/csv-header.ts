import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../errors.js';

/**
 * The reference files are edited by hand; DuckDB reads them with fixed column lists and would
 * silently relabel a reordered or renamed column, so the header is checked first.
 */
export function checkHeader(path: string, expected: readonly string[]): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`reference file missing: ${path}`);
  }
  const first = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').trim();
  const got = first.split(',').map((c) => c.trim());
  if (got.join(',') !== expected.join(',')) {
    throw new InputError(`${basename(path)}: header must be "${expected.join(',')}", found "${first}"`);
  }
}
