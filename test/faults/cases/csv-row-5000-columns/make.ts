import { join } from 'node:path';
import { csvText, write } from '../../fixtures.js';

/** A data row of 5,000 cells under a 7-column header. */
export default async function make(dir: string): Promise<void> {
  const row = Array.from({ length: 5000 }, (_, i) => `v${i}`).join(',');
  write(join(dir, '水电.csv'), `${csvText()}${row}\n`);
}
