import { join } from 'node:path';
import JSZip from 'jszip';
import { write } from '../../fixtures.js';

/**
 * A zip bomb named .xlsx: a few hundred KB that would inflate to 160 MB of nothing (a real one inflates
 * to terabytes; the reader refuses it by the sizes the zip declares, before inflating anything).
 */
export default async function make(dir: string): Promise<void> {
  const zip = new JSZip();
  zip.file('xl/worksheets/sheet1.xml', ' '.repeat(160 * 2 ** 20));
  zip.file('xl/workbook.xml', '<workbook><sheets><sheet name="水电" r:id="rId1"/></sheets></workbook>');
  const bytes = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 1 },
  });
  write(join(dir, '水电.xlsx'), bytes);
}
