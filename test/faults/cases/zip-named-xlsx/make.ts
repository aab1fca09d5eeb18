import { join } from 'node:path';
import JSZip from 'jszip';
import { csvText, write } from '../../fixtures.js';

/** A zip of a CSV named .xlsx: a zip, but no workbook in it. */
export default async function make(dir: string): Promise<void> {
  const zip = new JSZip();
  zip.file('水电.csv', csvText());
  write(join(dir, '水电.xlsx'), await zip.generateAsync({ type: 'nodebuffer' }));
}
