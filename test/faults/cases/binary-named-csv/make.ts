import { join } from 'node:path';
import { write } from '../../fixtures.js';

/** Random bytes named .csv (seeded, so the case is the same every run). */
export default async function make(dir: string): Promise<void> {
  const bytes = Buffer.alloc(4096);
  let x = 12345;
  for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  write(join(dir, '水电.csv'), bytes);
}
