import { join } from 'node:path';
import { A, B, HEADERS, write } from '../../fixtures.js';

/** Lines ended by CRLF, LF and a lone CR: DuckDB's lenient read lost the row after the CR. */
export default async function make(dir: string): Promise<void> {
  const text = `${HEADERS.join(',')}\r\n厦门甲公司,${A},电费,2024-05,1,0,0\n厦门乙公司,${B},水费,2024-05,1,0,0\r丙,${A},水费,2024-06,1,0,0\r\n`;
  write(join(dir, '水电.csv'), text);
}
