/**
 * Login sessions, held in the server's memory: a session id is 32 random bytes, so it needs no
 * signature; a restart logs everyone out, which is acceptable for an office tool and keeps session
 * secrets out of files. The cookie carries only the id; the user is looked up again on every request,
 * so a changed role takes effect at once.
 */
import { randomBytes } from 'node:crypto';

export interface Session {
  id: string;
  user: string;
  createdAt: number;
  lastSeen: number;
}

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 8 * 3600_000, absoluteMs: 24 * 3600_000 };

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
  ) {}

  create(user: string): Session {
    const t = this.now().getTime();
    const s: Session = { id: randomBytes(32).toString('base64url'), user, createdAt: t, lastSeen: t };
    this.sessions.set(s.id, s);
    return s;
  }

  get(id: string): Session | null {
    const s = this.sessions.get(id);
    if (!s) return null;
    const t = this.now().getTime();
    if (t - s.lastSeen > this.limits.idleMs || t - s.createdAt > this.limits.absoluteMs) {
      this.sessions.delete(id);
      return null;
    }
    s.lastSeen = t;
    return s;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }
}
