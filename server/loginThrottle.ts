/**
 * Failed logins, counted per account and per client address in the server's memory (a restart
 * forgets them, as it forgets sessions). After `free_failures` (`address_free_failures`) a key must
 * wait 1 s, 2 s, 4 s, … (up to `max_delay_seconds`) between tries; an account that reaches
 * `account_lockout_failures` is refused for `lockout_minutes`. (An address's lockout is
 * express-rate-limit's, in loginLimiter.ts.)
 * A refused try is answered without hashing, so a guesser pays the wait and the server pays nothing.
 */
import type { Config } from '../lib/config/schema.js';

export type LoginLimits = Config['server']['login'];

interface Failures {
  count: number;
  last: number;
  lockedUntil: number;
}

export type Verdict = { ok: true } | { ok: false; reason: 'locked' | 'wait'; retryAfterSeconds: number };

/** Keys are forgotten beyond this many (oldest first), so a flood of invented names cannot fill memory. */
const MAX_KEYS = 50_000;

export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly limits: LoginLimits,
    private readonly now: () => number = Date.now,
  ) {}

  private get windowMs(): number {
    return this.limits.lockout_minutes * 60_000;
  }

  private state(key: string): Failures | undefined {
    const f = this.failures.get(key);
    if (f && this.now() - f.last > this.windowMs && this.now() >= f.lockedUntil) {
      this.failures.delete(key);
      return undefined;
    }
    return f;
  }

  private verdict(key: string, free: number): Verdict {
    const f = this.state(key);
    if (!f) return { ok: true };
    const t = this.now();
    if (t < f.lockedUntil)
      return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((f.lockedUntil - t) / 1000) };
    const over = f.count - free;
    if (over < 0) return { ok: true };
    const waitMs = Math.min(2 ** over, this.limits.max_delay_seconds) * 1000;
    if (t < f.last + waitMs)
      return { ok: false, reason: 'wait', retryAfterSeconds: Math.ceil((f.last + waitMs - t) / 1000) };
    return { ok: true };
  }

  /** Whether a login of `account` from `address` may be tried now; the stricter refusal wins. */
  check(account: string, address: string): Verdict {
    const refusals = [
      this.verdict(`a:${account}`, this.limits.free_failures),
      this.verdict(`ip:${address}`, this.limits.address_free_failures),
    ].filter((v) => !v.ok);
    if (refusals.length === 0) return { ok: true };
    return refusals.reduce((a, b) => (a.retryAfterSeconds >= b.retryAfterSeconds ? a : b));
  }

  failed(account: string, address: string): void {
    this.count(`a:${account}`, this.limits.account_lockout_failures);
    this.count(`ip:${address}`, Number.POSITIVE_INFINITY);
  }

  /** A correct password clears its account's count; the address keeps its own (it may be guessing others). */
  succeeded(account: string): void {
    this.failures.delete(`a:${account}`);
  }

  private count(key: string, lockAt: number): void {
    const t = this.now();
    const f = this.state(key) ?? { count: 0, last: t, lockedUntil: 0 };
    f.count += 1;
    f.last = t;
    if (f.count >= lockAt) f.lockedUntil = t + this.windowMs;
    this.failures.delete(key);
    this.failures.set(key, f);
    if (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }
}
