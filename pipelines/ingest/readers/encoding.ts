import { open, stat } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';
import { PIECE_BYTES, transcodeInParallel } from './parallelTranscode.js';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** Encodings DuckDB cannot read, which a UTF-8 copy is made of first. */
export const needsTranscoding = (e: TextEncoding): boolean => e === 'gb18030' || e === 'utf-16le' || e === 'utf-16be';

const SNIFF_BYTES = 256 * 1024;

/** Drops an incomplete UTF-8 sequence at the end of a sample so a cut character is not an error. */
function trimPartialUtf8(buf: Buffer): Buffer {
  const end = buf.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = buf[end - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? buf.subarray(0, end - back) : buf;
  }
  return buf;
}

/**
 * UTF-16 when it starts with a UTF-16 BOM (what Excel's "Unicode text" writes); UTF-8 (with or without
 * BOM) when the first 256 KB decode strictly as UTF-8, else GB18030 — a superset of GBK that old
 * departmental systems export (STACK.md).
 */
export async function sniffEncoding(path: string): Promise<TextEncoding> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    const sample = buf.subarray(0, bytesRead);
    if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
    if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
    if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytesRead === SNIFF_BYTES ? trimPartialUtf8(sample) : sample);
      return 'utf-8';
    } catch {
      return 'gb18030';
    }
  } finally {
    await fh.close();
  }
}

/** Reads the first `bytes` of a file as text in the given encoding, BOM removed. */
export async function readHead(path: string, encoding: TextEncoding, bytes = 64 * 1024): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    const sample = buf.subarray(0, bytesRead);
    return decodeText(sample, encoding);
  } finally {
    await fh.close();
  }
}

const decoderName = (e: TextEncoding): string => (e === 'utf-8-bom' ? 'utf-8' : e);

/** A whole text in the given encoding, BOM removed. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  let text: string;
  try {
    text = new TextDecoder(decoderName(encoding)).decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes), decoderName(encoding));
  }
  return text.replace(/^\uFEFF/, '');
}

/**
 * A streaming step from the given encoding to UTF-8. Node's own decoder (ICU, in C++) is about twice as
 * fast as iconv-lite, which stays as the fallback for a Node built without full ICU.
 */
function toUtf8(encoding: TextEncoding): Transform {
  let decoder: TextDecoder | null = null;
  try {
    decoder = new TextDecoder(decoderName(encoding));
  } catch {
    decoder = null;
  }
  if (!decoder) {
    const dec = iconv.getDecoder(decoderName(encoding));
    return new Transform({
      transform(chunk: Buffer, _enc, cb) {
        cb(null, Buffer.from(dec.write(chunk), 'utf8'));
      },
      flush(cb) {
        cb(null, Buffer.from(dec.end() ?? '', 'utf8'));
      },
    });
  }
  const d = decoder;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      cb(null, Buffer.from(d.decode(chunk, { stream: true }), 'utf8'));
    },
    flush(cb) {
      cb(null, Buffer.from(d.decode(), 'utf8'));
    },
  });
}

/** Node's ICU decoder knows GB18030 (a Node built without full ICU does not). */
function icuDecodes(encoding: TextEncoding): boolean {
  try {
    new TextDecoder(decoderName(encoding));
    return true;
  } catch {
    return false;
  }
}

/**
 * Streams a GB18030 or UTF-16 file into a UTF-8 copy (DuckDB reads UTF-8 only), reporting bytes done.
 * A GB18030 file of more than one piece is decoded on every core (parallelTranscode.ts): same bytes out.
 */
export async function transcodeToUtf8(
  from: string,
  to: string,
  onBytes: (done: number) => void = () => {},
  encoding: TextEncoding = 'gb18030',
): Promise<void> {
  if (encoding === 'gb18030' && icuDecodes(encoding) && (await stat(from)).size > PIECE_BYTES) {
    await transcodeInParallel(from, to, { encoding, onBytes });
    return;
  }
  let done = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      done += chunk.length;
      onBytes(done);
      cb(null, chunk);
    },
  });
  await pipeline(createReadStream(from, { highWaterMark: 1 << 20 }), counter, toUtf8(encoding), createWriteStream(to));
}

/** The text of a file as a stream of UTF-8 strings, decoded from its encoding (JSON Lines read line by line). */
export function decodedStream(path: string, encoding: TextEncoding): Readable {
  const bytes = createReadStream(path, { highWaterMark: 1 << 20 });
  if (!needsTranscoding(encoding)) return bytes.setEncoding('utf8');
  return bytes.pipe(toUtf8(encoding)).setEncoding('utf8');
}
