import { join } from 'node:path';
import { HEADERS, ROWS, workbook, write } from '../../fixtures.js';

/** A workbook cut off halfway (a copy interrupted). */
export default async function make(dir: string): Promise<void> {
  const full = await workbook([{ name: '水电', headers: HEADERS, rows: ROWS }]);
  write(join(dir, '水电.xlsx'), full.subarray(0, Math.floor(full.length / 2)));
}
