import { open } from 'node:fs/promises';

/** What a file's first bytes say it is, in a clerk's words; null for text that may be what it is named. */
export type ContentKind = { kind: 'zip' | 'binary'; name: string } | null;

const MAGIC: readonly [number[], 'zip' | 'binary', string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'zip', 'ZIP 压缩包或 Office 文档'],
  [[0x50, 0x4b, 0x05, 0x06], 'zip', '空的 ZIP 压缩包'],
  [[0x89, 0x50, 0x4e, 0x47], 'binary', 'PNG 图片'],
  [[0xff, 0xd8, 0xff], 'binary', 'JPEG 图片'],
  [[0x47, 0x49, 0x46, 0x38], 'binary', 'GIF 图片'],
  [[0x25, 0x50, 0x44, 0x46], 'binary', 'PDF 文档'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'binary', '旧版 Office 文档（如 .xls、.doc）'],
  [[0x52, 0x61, 0x72, 0x21], 'binary', 'RAR 压缩包'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'binary', '7z 压缩包'],
  [[0x1f, 0x8b], 'binary', 'gzip 压缩文件'],
];

const HEAD_BYTES = 8192;

/** Control bytes that text never has (tab, CR, LF, form feed and ESC-free text only). */
const isControl = (b: number): boolean => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c;

/**
 * The file's kind by its magic number, or 'binary' when more than a tenth of its first 8 KB are control
 * bytes: a NUL in one name is a finding, a file of them is not text. UTF-16 starts with its BOM and is
 * sniffed as text before this (readers/encoding.ts); without one its NULs make it binary here.
 */
export async function contentKind(path: string): Promise<ContentKind> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    const head = buf.subarray(0, bytesRead);
    for (const [bytes, kind, name] of MAGIC) if (bytes.every((b, i) => head[i] === b)) return { kind, name };
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return null;
    let control = 0;
    for (const b of head) if (isControl(b)) control++;
    return control * 10 > head.length ? { kind: 'binary', name: '二进制数据（或无 BOM 的 UTF-16 文本）' } : null;
  } finally {
    await fh.close();
  }
}
