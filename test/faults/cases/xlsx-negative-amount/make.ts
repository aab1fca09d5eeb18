import { join } from 'node:path';
import { A, HEADERS, workbook, write } from '../../fixtures.js';

/** Negative amounts as numbers in a workbook. */
export default async function make(dir: string): Promise<void> {
  const rows = [['厦门甲公司', A, '电费', '2024-05', -1200, -300, -2]];
  write(join(dir, '水电.xlsx'), await workbook([{ name: '水电', headers: HEADERS, rows }]));
}
