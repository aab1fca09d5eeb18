/**
 * The DOCX rendered the way a reader's office suite lays it out: LibreOffice (Debian's
 * libreoffice-writer-nogui) converts it to PDF. Its own profile directory per conversion (another
 * soffice on the machine holds the default one's lock), the blank pages it inserts for an even-page
 * section kept (a duplex print has them), and the Windows fonts the DOCX names (仿宋_GB2312, 黑体 …)
 * stood in for by the Fandol fonts, as a Chinese government PC would show its own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fandolDir } from '../../pipelines/report/fonts.js';

export const SOFFICE = '/usr/bin/soffice';
export const SOFFICE_INSTALL = 'apt-get install --no-install-recommends libreoffice-writer-nogui';

export const sofficePresent = (): boolean => existsSync(SOFFICE);

const ALIASES: Record<string, string> = {
  仿宋_GB2312: 'FandolFang',
  黑体: 'FandolHei',
  楷体_GB2312: 'FandolKai',
  宋体: 'FandolSong',
  方正小标宋简体: 'FandolSong',
};

/** A fontconfig file that adds the Fandol directory and maps the DOCX's Windows names onto it. */
function fontConfig(dir: string): string | null {
  const fandol = fandolDir();
  if (!fandol) return null;
  const file = join(dir, 'fonts.conf');
  const aliases = Object.entries(ALIASES)
    .map(
      ([from, to]) => `<alias binding="same"><family>${from}</family><prefer><family>${to}</family></prefer></alias>`,
    )
    .join('\n');
  writeFileSync(
    file,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${fandol}</dir><cachedir>${join(dir, 'cache')}</cachedir>
${aliases}</fontconfig>`,
  );
  return file;
}

/** Converts one DOCX to PDF in `outDir`; returns the PDF's path. */
export function docxToPdf(docx: string, outDir: string, timeoutMs = 300_000): string {
  if (!sofficePresent()) throw new Error(`LibreOffice is not installed (${SOFFICE}): ${SOFFICE_INSTALL}`);
  const work = mkdtempSync(join(tmpdir(), 'soffice-'));
  try {
    const fonts = fontConfig(work);
    const filter = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}';
    execFileSync(
      SOFFICE,
      [
        `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        filter,
        '--outdir',
        outDir,
        docx,
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: timeoutMs,
        env: { ...process.env, ...(fonts ? { FONTCONFIG_FILE: fonts } : {}) },
      },
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const pdf = join(outDir, basename(docx).replace(/\.docx$/, '.pdf'));
  if (!existsSync(pdf)) throw new Error(`soffice wrote no PDF for ${docx}: ${readdirSync(outDir).join(', ')}`);
  return pdf;
}
