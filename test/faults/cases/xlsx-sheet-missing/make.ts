import { join } from 'node:path';
import { handmadeXlsx, inlineRows } from '../../../ingest/handmadeXlsx.js';
import { HEADERS, ROWS, write } from '../../fixtures.js';

/** A workbook that lists two sheets but holds only the first: a copy that lost a part. */
export default async function make(dir: string): Promise<void> {
  const rows = inlineRows([HEADERS, ...ROWS.map((r) => r.map((c) => (c === null ? null : String(c))))]);
  const bytes = await handmadeXlsx({
    sheets: [
      { name: '水电', rows },
      { name: '燃气', rows, missing: true },
    ],
  });
  write(join(dir, '水电.xlsx'), bytes);
}
