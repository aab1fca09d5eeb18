import { join } from 'node:path';
import { encoded, jsonText, write } from '../../fixtures.js';

/** A GBK JSON export: it loaded garbled, recorded as UTF-8. */
export default async function make(dir: string): Promise<void> {
  write(join(dir, '水电.json'), encoded(jsonText(), 'gbk'));
}
