import { join } from 'node:path';
import { csvText, encoded, write } from '../../fixtures.js';

/** UTF-16 LE with its BOM: what Excel saves as "Unicode text". */
export default async function make(dir: string): Promise<void> {
  write(join(dir, '水电.csv'), encoded(csvText(undefined, '\r\n'), 'utf16le', true));
}
