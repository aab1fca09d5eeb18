/** An error a user can act on: its message is printed as is, without a stack trace. */
export class SentinelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SentinelError';
  }
}

export class ConfigError extends SentinelError {
  constructor(message: string) {
    super('config', message);
  }
}

export class InputError extends SentinelError {
  constructor(message: string) {
    super('input', message);
  }
}

/**
 * An error with the HTTP status a server answers it with; pages and routes throw it, server/httpError.ts
 * renders it.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** DuckDB refuses to open a file another process is writing; callers get a 503 they can retry. */
export function isLockError(e: unknown): boolean {
  if (e instanceof SentinelError) return e.code === 'locked';
  return /lock/i.test((e as Error)?.message ?? '');
}
