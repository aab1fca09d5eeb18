/**
 * The zip container of a workbook: its central directory read with yauzl (so shared strings can be read
 * before a sheet whatever the order the writer stored them in), then one part at a time as a stream of
 * inflated bytes. Nothing is extracted to disk and no part is held whole in memory.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import { ContentRefused } from '../../refusal.js';

/**
 * Zip-bomb limits. A real sheet of a million rows is well under 4 GiB of XML and compresses about
 * 10–30×; a part that inflates more than 200× and past 100 MiB is a bomb, not a workbook. yauzl checks
 * that no part inflates past the size it declares, so a lying header cannot get around these.
 */
const MAX_TOTAL_BYTES = 4 * 2 ** 30;
const MAX_RATIO = 200;
const RATIO_CHECKED_ABOVE = 100 * 2 ** 20;

export interface WorkbookZip {
  has(part: string): boolean;
  /** A part's inflated bytes, in pieces of up to 1 MiB (none when the zip has no such part). */
  bytes(part: string): AsyncIterable<Buffer>;
  close(): void;
}

export async function openWorkbookZip(path: string): Promise<WorkbookZip> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: false });
  const entries = new Map<string, yauzl.Entry>();
  try {
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      guardSize(entry);
      total += entry.uncompressedSize;
      // Part names are case-insensitive in OOXML (Excel reads `xl/Worksheets/Sheet1.xml`).
      entries.set(entry.fileName.toLowerCase(), entry);
    }
    if (total > MAX_TOTAL_BYTES) throw bomb(total);
  } catch (e) {
    zip.close();
    throw e;
  }
  return {
    has: (part) => entries.has(part.toLowerCase()),
    bytes: (part) => partBytes(path, zip, entries.get(part.toLowerCase())),
    close: () => zip.close(),
  };
}

function guardSize(entry: yauzl.Entry): void {
  const { uncompressedSize: size, compressedSize: packed } = entry;
  if (size > MAX_TOTAL_BYTES || (size > RATIO_CHECKED_ABOVE && size > packed * MAX_RATIO)) throw bomb(size);
}

function bomb(bytes: number): ContentRefused {
  return new ContentRefused(
    `Excel 文件解压后大小异常（约 ${Math.round(bytes / 2 ** 20)} MB，远超正常工作簿），疑似恶意构造的压缩包，未读取`,
    `declared uncompressed size ${bytes}`,
  );
}

/**
 * yauzl's own entry stream reads 16 KB at a time and inflates in 16 KB pieces: on a busy machine each
 * piece waits its turn in the thread pool, and a 100,000-row sheet spent most of its time waiting. So
 * the part's bytes are read and inflated here in 1 MiB pieces (where the data starts comes from yauzl).
 */
const PIECE = 2 ** 20;

async function partStream(path: string, zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  if (entry.generalPurposeBitFlag & 1)
    throw new ContentRefused('Excel 工作簿中的内容已加密，无法读取，请取消加密后重新导出');
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw new Error(`unsupported compression method ${entry.compressionMethod}`);
  }
  const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(path, {
    start: fileDataStart,
    end: fileDataStart + entry.compressedSize - 1,
    highWaterMark: PIECE,
  });
  if (entry.compressionMethod === 0) return raw;
  const inflate = createInflateRaw({ chunkSize: PIECE });
  raw.on('error', (e) => inflate.destroy(e));
  inflate.on('close', () => raw.destroy());
  return raw.pipe(inflate);
}

async function* partBytes(path: string, zip: yauzl.ZipFile, entry: yauzl.Entry | undefined): AsyncIterable<Buffer> {
  if (!entry) return;
  const stream = await partStream(path, zip, entry);
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      // A part that inflates past the size its header declares is a bomb hiding its size.
      if (bytes > entry.uncompressedSize) throw bomb(bytes);
      yield chunk;
    }
  } finally {
    stream.destroy();
  }
  if (bytes !== entry.uncompressedSize)
    throw new Error(`part ${entry.fileName} is ${bytes} bytes, not ${entry.uncompressedSize}`);
}
