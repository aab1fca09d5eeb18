/**
 * A workbook opened for reading: its sheets in tab order, each readable as a stream of rows. The
 * product's own reader (zip via yauzl, XML by `xmlScan.ts`); exceljs stays for writing workbooks.
 */
import { readSharedStrings } from './sharedStrings.js';
import { sheetRows, type SheetRow } from './sheetRows.js';
import { readLayout } from './workbookParts.js';
import { openWorkbookZip } from './zip.js';

export interface WorkbookSheet {
  name: string;
  /** The sheet's rows, in batches. */
  rows(): AsyncIterable<SheetRow[]>;
}

export interface OpenWorkbook {
  sheets: WorkbookSheet[];
  close(): void;
}

export async function openWorkbook(path: string): Promise<OpenWorkbook> {
  const zip = await openWorkbookZip(path);
  try {
    const layout = await readLayout(zip);
    const ctx = {
      sharedStrings: await readSharedStrings(zip, layout.sharedStringsPart),
      dateStyles: layout.dateStyles,
      date1904: layout.date1904,
      dates: new Map<number, string>(),
    };
    return {
      sheets: layout.sheets.map((s) => ({ name: s.name, rows: () => sheetRows(zip, s.part, ctx) })),
      close: () => zip.close(),
    };
  } catch (e) {
    zip.close();
    throw e;
  }
}
