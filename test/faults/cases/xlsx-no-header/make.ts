import { join } from 'node:path';
import { workbook, write } from '../../fixtures.js';

/** A workbook whose only sheet has no header row of the source. */
export default async function make(dir: string): Promise<void> {
  write(join(dir, '水电.xlsx'), await workbook([{ name: '说明', headers: ['甲', '乙'], rows: [['1', '2']] }]));
}
