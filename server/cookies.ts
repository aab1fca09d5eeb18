/**
 * The session cookie: httpOnly, SameSite=Lax, Secure whenever the request came over TLS (directly or via a trusted
 * proxy).
 */
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'cs_session';

export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function setSessionCookie(req: Request, res: Response, id: string): void {
  res.cookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

/** The page language chosen with ?lang=: readable by scripts (nothing secret), kept a year. */
export const LANG_COOKIE = 'lang';
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export function setLangCookie(req: Request, res: Response, lang: string): void {
  res.cookie(LANG_COOKIE, lang, { sameSite: 'lax', secure: req.secure, path: '/', maxAge: YEAR_MS });
}
