import { join } from 'node:path';
import { csvText, encoded, write } from '../../fixtures.js';

/** UTF-16 without a BOM cannot be told from binary data: refused by name. */
export default async function make(dir: string): Promise<void> {
  write(join(dir, '水电.csv'), encoded(csvText(), 'utf16le'));
}
