import { join } from 'node:path';
import { write } from '../../fixtures.js';

/** A PNG picture named .csv. */
export default async function make(dir: string): Promise<void> {
  write(
    join(dir, '水电.csv'),
    Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)]),
  );
}
