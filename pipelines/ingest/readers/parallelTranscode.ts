/**
 * GB18030 → UTF-8 on both cores. A GB18030 byte sequence never contains 0x0A (a second byte is 0x30 or
 * more), so a file cut just after a line feed decodes piece by piece into exactly the text of decoding it
 * whole: the decoder holds no pending bytes after an ASCII byte, and the last piece's flush is the
 * whole file's. Pieces are decoded in worker threads and written in file order; while DuckDB waits
 * for the copy, this halves the transcoding on a two-core machine.
 */
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Evaluated as a script in each thread: no TypeScript loader is needed there. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readSync, openSync, closeSync } = require('node:fs');
parentPort.on('message', ({ id, path, start, end, encoding }) => {
  try {
    const fd = openSync(path, 'r');
    const bytes = Buffer.allocUnsafe(end - start);
    let got = 0;
    try {
      while (got < bytes.length) {
        const n = readSync(fd, bytes, got, bytes.length - got, start + got);
        if (n === 0) break;
        got += n;
      }
    } finally {
      closeSync(fd);
    }
    const text = new TextDecoder(encoding).decode(bytes.subarray(0, got));
    const out = Buffer.from(text, 'utf8');
    const ab = out.buffer.slice(out.byteOffset, out.byteOffset + out.length);
    parentPort.postMessage({ id, out: ab }, [ab]);
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.message || e) });
  }
});
`;

/** Pieces of about 16 MB: large enough that a thread's round trip is noise, small enough to bound memory. */
export const PIECE_BYTES = 16 << 20;
const SCAN_BYTES = 64 * 1024;

/** Offsets just after a line feed near each multiple of `piece`: the cut points (0 and size included). */
export async function pieceBounds(path: string, size: number, piece: number): Promise<number[]> {
  const fh = await open(path, 'r');
  try {
    const bounds = [0];
    const buf = Buffer.alloc(SCAN_BYTES);
    for (let at = piece; at < size;) {
      const from = Math.max(at, bounds[bounds.length - 1]!);
      let cut = -1;
      for (let pos = from; pos < size && cut < 0; pos += SCAN_BYTES) {
        const { bytesRead } = await fh.read(buf, 0, SCAN_BYTES, pos);
        const i = buf.subarray(0, bytesRead).indexOf(0x0a);
        if (i >= 0) cut = pos + i + 1;
        if (bytesRead === 0) break;
      }
      if (cut < 0 || cut >= size) break;
      bounds.push(cut);
      at = cut + piece;
    }
    bounds.push(size);
    return bounds;
  } finally {
    await fh.close();
  }
}

interface Piece {
  start: number;
  end: number;
}

/**
 * Writes the UTF-8 text of a GB18030 file to `to`, the pieces decoded by `threads` workers (default: the
 * cores) with at most two pieces per thread in flight.
 */
export async function transcodeInParallel(
  from: string,
  to: string,
  opts: { encoding?: string; piece?: number; threads?: number; onBytes?: (done: number) => void } = {},
): Promise<void> {
  const encoding = opts.encoding ?? 'gb18030';
  const src = await open(from, 'r');
  const size = (await src.stat()).size;
  await src.close();
  const bounds = await pieceBounds(from, size, opts.piece ?? PIECE_BYTES);
  const pieces: Piece[] = bounds.slice(1).map((end, i) => ({ start: bounds[i]!, end }));
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), pieces.length));
  const workers = Array.from(
    { length: threads },
    () => new Worker(WORKER_SOURCE, { eval: true, name: 'sentinel-transcode' }),
  );
  const out = await open(to, 'w');
  const waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  for (const w of workers) {
    w.on('message', (m: { id: number; out?: ArrayBuffer; error?: string }) => {
      const job = waiting.get(m.id);
      if (!job) return;
      waiting.delete(m.id);
      if (m.error !== undefined) job.reject(new Error(m.error));
      else job.resolve(Buffer.from(m.out!));
    });
    w.on('error', failAll);
  }
  const decode = (i: number): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      waiting.set(i, { resolve, reject });
      workers[i % threads]!.postMessage({ id: i, path: from, start: pieces[i]!.start, end: pieces[i]!.end, encoding });
    });
  try {
    const inFlight: Promise<Buffer>[] = [];
    let next = 0;
    const fill = () => {
      while (next < pieces.length && inFlight.length < 2 * threads) {
        const p = decode(next++);
        p.catch(() => undefined); // awaited in order below, which sees the rejection
        inFlight.push(p);
      }
    };
    fill();
    for (let i = 0; i < pieces.length; i++) {
      const bytes = await inFlight.shift()!;
      fill();
      for (let at = 0; at < bytes.length;) at += (await out.write(bytes, at)).bytesWritten;
      opts.onBytes?.(pieces[i]!.end);
    }
  } finally {
    await out.close();
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
