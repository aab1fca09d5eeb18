import { join } from 'node:path';
import { HEADERS, ROWS, workbook, write } from '../../fixtures.js';

/** A plain workbook: the control case of the XLSX faults. */
export default async function make(dir: string): Promise<void> {
  write(join(dir, '水电.xlsx'), await workbook([{ name: '水电', headers: HEADERS, rows: ROWS }]));
}
