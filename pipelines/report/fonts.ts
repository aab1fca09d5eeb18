/**
 * The fonts of GB/T 9704 for the PDF: chromium prints the HTML with the free Fandol fonts (Debian's
 * texlive-lang-chinese) standing in for 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体 and 方正小标宋. The HTML names
 * the Windows fonts after them, so a reader's browser on a government PC uses its own.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where Debian (texlive-lang-chinese) and a plain copy put the Fandol OpenType files. */
export const FANDOL_DIRS = [
  '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol',
  '/usr/share/fonts/opentype/fandol',
  '/usr/local/share/fonts/fandol',
];

export const FANDOL_INSTALL = 'apt-get install --no-install-recommends texlive-lang-chinese';

/** The CSS families of the documents, each with the file that stands in for it. */
const FACES = [
  { family: 'GB仿宋', file: 'FandolFang-Regular.otf', local: ['仿宋_GB2312', 'FangSong_GB2312', 'FangSong'] },
  { family: 'GB黑体', file: 'FandolHei-Regular.otf', local: ['黑体', 'SimHei'] },
  { family: 'GB楷体', file: 'FandolKai-Regular.otf', local: ['楷体_GB2312', 'KaiTi_GB2312', 'KaiTi'] },
  { family: 'GB宋体', file: 'FandolSong-Regular.otf', local: ['宋体', 'SimSun'] },
  { family: 'GB小标宋', file: 'FandolSong-Bold.otf', local: ['方正小标宋简体', 'FZXiaoBiaoSong-B05S'] },
] as const;

export function fandolDir(dirs: readonly string[] = FANDOL_DIRS): string | null {
  return dirs.find((d) => existsSync(join(d, 'FandolFang-Regular.otf'))) ?? null;
}

/**
 * @font-face rules: the reader's own Windows font first (local()), else the Fandol file of this machine.
 * Fallbacks after them in each font-family list keep the text readable where neither exists.
 */
export function fontFaces(dir: string | null = fandolDir()): string {
  return FACES.map((f) => {
    const sources = [
      ...f.local.map((l) => `local("${l}")`),
      ...(dir ? [`url("${pathToFileURL(join(dir, f.file)).href}") format("opentype")`] : []),
    ];
    return `@font-face { font-family: "${f.family}"; src: ${sources.join(', ')}; }`;
  }).join('\n');
}

const FALLBACK = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';
/**
 * Digits and Latin letters in Times New Roman (Liberation Serif on Debian, the same widths), as the DOCX
 * sets them (w:rFonts ascii): a USCC then fits its annex column, as in Word. These fonts have no CJK
 * glyphs, so every Chinese character falls through to the family after them.
 */
const LATIN = '"Times New Roman", "Liberation Serif"';
export const FONT = {
  fang: `${LATIN}, "GB仿宋", ${FALLBACK}`,
  hei: `${LATIN}, "GB黑体", ${FALLBACK}`,
  kai: `${LATIN}, "GB楷体", ${FALLBACK}`,
  song: `${LATIN}, "GB宋体", ${FALLBACK}`,
  title: `${LATIN}, "GB小标宋", ${FALLBACK}`,
} as const;
