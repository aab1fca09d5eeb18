/** Graceful shutdown on SIGTERM/SIGINT: stop taking work, let the running job finish, then exit. */
import type { Log } from '../../lib/log.js';

export function onShutdownSignal(
  stop: () => Promise<void>,
  log: Log,
  exit: (code: number) => void = process.exit,
): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down after the running job');
    stop().then(
      () => exit(0),
      (e: unknown) => {
        log.error({ err: (e as Error).message }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
