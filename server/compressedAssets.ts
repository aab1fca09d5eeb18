/**
 * Static assets compressed once and kept in memory (issue 18 item 16): d3 is 280 KB as a file and about
 * 90 KB gzipped. Brotli or gzip as the browser accepts, an ETag for revalidation, and the file read again
 * when it changes. A maintained middleware (`compression`) would compress every answer on every request;
 * the pages are already cached per build, and only these few files are worth it, so node:zlib suffices.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

interface Compressed {
  stamp: string;
  etag: string;
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

const cache = new Map<string, Compressed>();

function compressed(file: string): Compressed {
  const st = statSync(file);
  const stamp = `${st.size}:${st.mtimeMs}`;
  const hit = cache.get(file);
  if (hit?.stamp === stamp) return hit;
  const raw = readFileSync(file);
  const entry = {
    stamp,
    etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 22)}"`,
    raw,
    br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(raw, { level: 9 }),
  };
  cache.set(file, entry);
  return entry;
}

export function sendCompressed(
  req: Request,
  res: Response,
  file: string,
  opts: { type: string; maxAgeSeconds: number },
): void {
  const c = compressed(file);
  res.setHeader('Content-Type', opts.type);
  res.setHeader('Cache-Control', `public, max-age=${opts.maxAgeSeconds}`);
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('ETag', c.etag);
  if (req.headers['if-none-match'] === c.etag) {
    res.status(304).end();
    return;
  }
  const encoding = req.acceptsEncodings('br', 'gzip');
  const body = encoding === 'br' ? c.br : encoding === 'gzip' ? c.gzip : c.raw;
  if (encoding === 'br' || encoding === 'gzip') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', String(body.length));
  res.end(req.method === 'HEAD' ? undefined : body);
}
