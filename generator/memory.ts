import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection at a phase boundary (a feed delivered, a shard finished). Node lets
 * old-space garbage pile up towards its heap limit (about 4 GB on this machine) before collecting
 * it, so a city run's RSS was mostly dead rows of finished feeds; the generator knows when a phase's
 * data is dead and collects then. Exposing gc for this call does not change the process's flags
 * otherwise (the trick is the one Node's own tests use).
 */
let gc: (() => void) | null | undefined;

export function releaseMemory(): void {
  if (gc === undefined) gc = findGc();
  gc?.();
}

function findGc(): (() => void) | null {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  try {
    setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as unknown;
    return typeof fn === 'function' ? (fn as () => void) : null;
  } catch {
    return null;
  }
}
