import { join } from 'node:path';
import { write } from '../../fixtures.js';

/** An old binary Excel file (OLE2 compound document). */
export default async function make(dir: string): Promise<void> {
  write(join(dir, '水电.xls'), Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]));
}
