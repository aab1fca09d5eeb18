import { join } from 'node:path';
import { csvText, encoded, write } from '../../fixtures.js';

/** A GBK export, as old departmental systems write. */
export default async function make(dir: string): Promise<void> {
  write(join(dir, '水电.csv'), encoded(csvText(), 'gbk'));
}
