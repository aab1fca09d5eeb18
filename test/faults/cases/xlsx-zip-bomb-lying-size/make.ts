import { join } from 'node:path';
import { handmadeXlsx, inlineRows } from '../../../ingest/handmadeXlsx.js';
import { HEADERS, ROWS, write } from '../../fixtures.js';

/**
 * A workbook whose sheet declares 2 KB in the zip's headers but inflates to far more: a bomb that hides
 * its size. The reader stops at the declared size instead of believing the header.
 */
export default async function make(dir: string): Promise<void> {
  const filler = ROWS.map((r) => r.map((c) => (c === null ? null : String(c))));
  const rows = inlineRows([HEADERS, ...Array.from({ length: 400 }, () => filler).flat()]);
  const bytes = await handmadeXlsx({ sheets: [{ name: '水电', rows }] });
  write(join(dir, '水电.xlsx'), declareSize(bytes, 'xl/worksheets/sheet1.xml', 2048));
}

/** Rewrites the uncompressed size of one entry in its local header and in the central directory. */
function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const nameBytes = Buffer.from(name, 'utf8');
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && out.subarray(i + 30, i + 30 + nameBytes.length).equals(nameBytes))
      out.writeUInt32LE(size, i + 22);
    if (sig === 0x02014b50 && out.subarray(i + 46, i + 46 + nameBytes.length).equals(nameBytes))
      out.writeUInt32LE(size, i + 24);
  }
  return out;
}
