import { pino, type Logger } from 'pino';

export type Log = Logger;

/** Structured logs go to stderr so stdout stays for a command's summary and exports. */
export function createLog(level: string = 'info'): Log {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2));
}

export function silentLog(): Log {
  return pino({ level: 'silent' });
}
