import { join } from 'node:path';
import { encoded, jsonText, write } from '../../fixtures.js';

/** UTF-16 BE JSON with its BOM. */
export default async function make(dir: string): Promise<void> {
  write(join(dir, '水电.json'), encoded(jsonText(), 'utf16be', true));
}
