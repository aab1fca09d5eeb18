import { join } from 'node:path';
import { HEADERS, ROWS, workbook, write } from '../../fixtures.js';

/** A workbook with a data sheet and a notes sheet: the notes sheet is skipped, with its reason. */
export default async function make(dir: string): Promise<void> {
  const sheets = [
    { name: '数据', headers: HEADERS, rows: ROWS },
    { name: '填表说明', headers: ['说明'], rows: [['请勿修改表头']] },
  ];
  write(join(dir, '水电.xlsx'), await workbook(sheets));
}
