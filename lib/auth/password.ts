/**
 * Password hashes with scrypt (node:crypto, no native addon). The stored form carries its own
 * parameters, so they can be raised later without invalidating existing hashes. Hashing runs on its own
 * thread (scryptWorker.ts), never on the pool that serves files and queries.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { scryptOffPool as scrypt } from './scryptWorker.js';

/**
 * N = 2^15, r = 8: 32 MiB and tens of milliseconds per hash — costly to guess at, cheap enough for a login on 2 cores.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...PARAMS, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const N = Number(n);
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r) + 1024 * 1024,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A password for `sentinel user add` when none is given: 18 random bytes, 24 URL-safe characters. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
