import { open } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

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
 * UTF-8 (with or without BOM) when the first 256 KB decode strictly as UTF-8, else GB18030 —
 * a superset of GBK that old departmental systems export (STACK.md).
 */
export async function sniffEncoding(path: string): Promise<TextEncoding> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    const sample = buf.subarray(0, bytesRead);
    if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
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
    const text = encoding === 'gb18030' ? iconv.decode(sample, 'gb18030') : new TextDecoder('utf-8').decode(sample);
    return text.replace(/^\uFEFF/, '');
  } finally {
    await fh.close();
  }
}

/**
 * A streaming GB18030 → UTF-8 step. Node's own decoder (ICU, in C++) is about twice as fast as
 * iconv-lite, which stays as the fallback for a Node built without full ICU.
 */
function gb18030ToUtf8(): Transform {
  let decoder: TextDecoder | null = null;
  try {
    decoder = new TextDecoder('gb18030');
  } catch {
    decoder = null;
  }
  if (!decoder) {
    const dec = iconv.getDecoder('gb18030');
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

/** Streams a GB18030 file into a UTF-8 copy (DuckDB reads UTF-8 only), reporting bytes done. */
export async function transcodeToUtf8(
  from: string,
  to: string,
  onBytes: (done: number) => void = () => {},
): Promise<void> {
  let done = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      done += chunk.length;
      onBytes(done);
      cb(null, chunk);
    },
  });
  await pipeline(createReadStream(from, { highWaterMark: 1 << 20 }), counter, gb18030ToUtf8(), createWriteStream(to));
}
