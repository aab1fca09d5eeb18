import type { Request, Response } from 'express';
import type { CachedAnswer } from '../responseCache.js';

/**
 * A cached answer's body is sent many times: its ETag, by Express's own function, is computed once per body
 * instead of hashing the whole body on every send (for the largest cached pages, `warnings`, the hashing was
 * the part of a request's work that grew with the body).
 */
const etags = new WeakMap<Buffer, string>();

function etagOf(res: Response, body: Buffer): string | undefined {
  const generate = res.app.get('etag fn') as ((body: Buffer) => string | undefined) | undefined;
  if (typeof generate !== 'function') return undefined;
  let tag = etags.get(body);
  if (tag === undefined && (tag = generate(body)) !== undefined) etags.set(body, tag);
  return tag;
}

export function sendAnswer(res: Response, answer: CachedAnswer): void {
  // attachment() guesses a type from the file name: set ours after it.
  if (answer.filename) res.attachment(answer.filename);
  res.status(200).type(answer.contentType);
  // Answers depend on who asks (masking, department scope): never stored by shared caches.
  res.setHeader('Cache-Control', 'private, no-store');
  // res.send computes no ETag when one is set.
  const tag = etagOf(res, answer.body);
  if (tag !== undefined) res.setHeader('ETag', tag);
  res.send(answer.body);
}

export function clientIp(req: Request): string | null {
  return req.ip ?? null;
}
