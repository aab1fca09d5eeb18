import type { Request, Response } from 'express';
import type { CachedAnswer } from '../responseCache.js';

export function sendAnswer(res: Response, answer: CachedAnswer): void {
  // attachment() guesses a type from the file name: set ours after it.
  if (answer.filename) res.attachment(answer.filename);
  res.status(200).type(answer.contentType);
  // Answers depend on who asks (masking, department scope): never stored by shared caches.
  res.setHeader('Cache-Control', 'private, no-store');
  res.send(answer.body);
}

export function clientIp(req: Request): string | null {
  return req.ip ?? null;
}
