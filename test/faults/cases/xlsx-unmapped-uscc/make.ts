import { join } from 'node:path';
import { workbook, write } from '../../fixtures.js';

/** A workbook whose USCC column is named by the department's own system: refused, never loaded with USCCs empty. */
export default async function make(dir: string): Promise<void> {
  const headers = ['主体名称', '单位代码', '类型', '账期', '欠费金额（元）'];
  const rows = [
    ['厦门甲公司', '91350205MA2Y0KXQ9E', '电费', '2024-05', '300'],
    ['厦门乙公司', '91350200MA31TT0U6J', '水费', '2024-06', '0'],
  ];
  write(join(dir, '水电.xlsx'), await workbook([{ name: '水电', headers, rows }]));
}
