import { join } from 'node:path';
import { HEADERS, write } from '../../fixtures.js';

/** A header of 200,000 columns. */
export default async function make(dir: string): Promise<void> {
  const extra = Array.from({ length: 200_000 - HEADERS.length }, (_, i) => `列${i}`);
  write(join(dir, '水电.csv'), `${[...HEADERS, ...extra].join(',')}\n`);
}
