/**
 * The circular's PDF with the 版记 on the last, even, page (GB/T 9704 7.4: the back of the last sheet).
 * Chromium does not honour `break-before: left` (it breaks to the next page whatever its side), so the
 * circular is printed once, and when the 版记 falls on an odd page it is printed again with a blank page
 * before it; then neither the blank page nor the 版记 page carries a page number (GB/T 9704 7.5).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { screeningHtml } from './html.js';
import { htmlFileToPdf } from './pdf.js';
import type { ScreeningReport } from './types.js';

/** Pages of a PDF that chromium (Skia) wrote: its page objects, which it never puts in object streams. */
export function pdfPageCount(file: string): number {
  return (
    readFileSync(file)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []
  ).length;
}

export interface CircularPdf {
  pages: number;
  /** The annexes ended on an even page: a blank page was put before the 版记. */
  blankBeforeBanji: boolean;
}

/** `htmlFile` holds screeningHtml(report, heatmapSvg) already (the document handed out with the PDF). */
export async function circularPdf(
  report: ScreeningReport,
  heatmapSvg: string | null,
  htmlFile: string,
  pdfFile: string,
  chromium: string,
): Promise<CircularPdf> {
  await htmlFileToPdf(htmlFile, pdfFile, chromium);
  const pages = pdfPageCount(pdfFile);
  if (pages % 2 === 0) return { pages, blankBeforeBanji: false };
  // The print with the blank page is a file of its own: the HTML handed out stays the reader's page.
  const tmp = mkdtempSync(join(dirname(pdfFile), '.print-'));
  try {
    const html = join(tmp, 'circular.html');
    writeFileSync(html, screeningHtml(report, heatmapSvg, { blankBeforeBanji: true }));
    await htmlFileToPdf(html, pdfFile, chromium);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { pages: pdfPageCount(pdfFile), blankBeforeBanji: true };
}
