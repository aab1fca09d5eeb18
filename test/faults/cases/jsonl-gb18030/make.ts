import { join } from 'node:path';
import { encoded, jsonLinesText, write } from '../../fixtures.js';

/** A GB18030 JSON Lines export. */
export default async function make(dir: string): Promise<void> {
  write(join(dir, '水电.jsonl'), encoded(jsonLinesText(), 'gb18030'));
}
