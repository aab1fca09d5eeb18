/**
 * API tokens: 32 random bytes shown once, stored only as a SHA-256 digest. A fast digest is enough here
 * (unlike passwords): a 256-bit random secret cannot be guessed, so the hash only has to keep a stolen
 * users file from being usable as tokens.
 */
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'cs_';

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
