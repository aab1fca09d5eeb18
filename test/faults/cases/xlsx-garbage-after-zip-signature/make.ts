import { join } from 'node:path';
import { write } from '../../fixtures.js';

/** Starts like a zip (`PK\x03\x04`), then noise: passes the first-bytes check, is no workbook. */
export default async function make(dir: string): Promise<void> {
  let x = 12345;
  const noise = Buffer.alloc(64 * 1024, 0).map(() => (x = (x * 1103515245 + 12345) % 2 ** 31) & 0xff);
  write(join(dir, '水电.xlsx'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), noise]));
}
