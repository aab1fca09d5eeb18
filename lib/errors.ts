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
