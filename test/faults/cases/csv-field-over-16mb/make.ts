import { join } from 'node:path';
import { A, HEADERS, write } from '../../fixtures.js';

/** One cell of 17 MB (a picture pasted into a remark). */
export default async function make(dir: string): Promise<void> {
  const big = 'x'.repeat(17 * 2 ** 20);
  write(join(dir, '水电.csv'), `${HEADERS.join(',')}\n${big},${A},电费,2024-05,1,0,0\n`);
}
