import { join } from 'node:path';
import { HEADERS, write } from '../../fixtures.js';

/** A header of 1,500 short columns: under 64 KB, over the column limit. */
export default async function make(dir: string): Promise<void> {
  const extra = Array.from({ length: 1500 - HEADERS.length }, (_, i) => `x${i}`);
  write(join(dir, '水电.csv'), `${[...HEADERS, ...extra].join(',')}\n`);
}
