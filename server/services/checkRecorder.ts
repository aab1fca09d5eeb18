/**
 * Check records written in batches: the checks answered while one batch is being written are written by
 * the next (results files in parallel, one append of their summary lines), in the order they were made.
 * Each caller's promise resolves once its check is on disk, so a check is still recorded before its answer
 * is sent; one synchronous append per check blocked the event loop that every concurrent request shares.
 */
import { recordChecks, type CheckRecord } from '../../lib/checks/store.js';

class CheckRecorder {
  private waiting: Array<{ record: CheckRecord; done: (e?: unknown) => void }> = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly dataDir: string) {}

  record(record: CheckRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ record, done: (e) => (e === undefined ? resolve() : reject(e as Error)) });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      const batch = this.waiting.splice(0);
      try {
        await recordChecks(
          this.dataDir,
          batch.map((b) => b.record),
        );
        for (const b of batch) b.done();
      } catch (e) {
        for (const b of batch) b.done(e ?? new Error('recording the check failed'));
      }
    }
    this.writing = null;
  }
}

const recorders = new Map<string, CheckRecorder>();

/** The one recorder of a data directory in this process (one append at a time to its files). */
export function checkRecorder(dataDir: string): CheckRecorder {
  let r = recorders.get(dataDir);
  if (!r) recorders.set(dataDir, (r = new CheckRecorder(dataDir)));
  return r;
}
