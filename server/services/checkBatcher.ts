/**
 * Small checks coalesced into one set-based statement. A check of one USCC costs a scan of the check marts
 * (their USCCs share the city's 8-character prefix, so DuckDB's zone maps prune nothing): about as much as a
 * check of a hundred. Under 32 concurrent clients each request waited for a connection to scan for it alone;
 * here the small checks that arrive while the build's connections are busy wait for the next free one and run
 * together, and each gets its own slice of the answer.
 *
 * The answers stay those of a check run alone: checkSubjects answers each subject by itself (in the order
 * given), except that only the first `max_names` unresolved names of one call get suggestions, so a batch
 * never holds more distinct names than that. Checks larger than SMALL run alone, as before.
 */
import type { Config } from '../../lib/config/schema.js';
import { checkSubjects, type CheckResult, type Subject } from '../../dashboards/check/query.js';
import type { BuildHandle } from '../publishedBuild.js';
import type { ReviewedNames } from '../../lib/nameReview/store.js';

/** A check of at most this many subjects may join others; one batch holds at most BATCH_SUBJECTS. */
const SMALL = 100;
const BATCH_SUBJECTS = 1000;

interface Waiting {
  subjects: readonly Subject[];
  names: ReadonlySet<string>;
  resolve: (r: CheckResult[]) => void;
  reject: (e: unknown) => void;
}

export class CheckBatcher {
  private readonly waiting: Waiting[] = [];
  private running = 0;

  constructor(
    private readonly build: BuildHandle,
    private readonly config: Readonly<Config>,
    /** Batches in flight at once: the build's connections. */
    private readonly slots: number,
    /** The reviewed name judgements in force, read when a batch runs (lib/nameReview/store.ts). */
    private readonly reviewed: () => ReviewedNames | undefined = () => undefined,
  ) {}

  check(subjects: readonly Subject[]): Promise<CheckResult[]> {
    const names = new Set(subjects.filter((s) => s.kind === 'name').map((s) => s.query));
    if (subjects.length > SMALL || names.size > this.config.checks.suggestions.max_names) return this.run(subjects);
    return new Promise((resolve, reject) => {
      this.waiting.push({ subjects, names, resolve, reject });
      // Requests parsed in the same turn of the event loop join the batch that starts after it.
      if (this.running < this.slots) setImmediate(() => this.next());
    });
  }

  private run(subjects: readonly Subject[]): Promise<CheckResult[]> {
    const asOf = this.build.pointer.as_of;
    return this.build.query((db) =>
      checkSubjects(db, subjects, { asOf, config: this.config, reviewed: this.reviewed() }),
    );
  }

  /** The waiting checks, oldest first, that fit one batch. */
  private take(): Waiting[] {
    const batch: Waiting[] = [];
    const names = new Set<string>();
    let subjects = 0;
    while (this.waiting.length) {
      const w = this.waiting[0]!;
      const joined = new Set([...names, ...w.names]);
      const fits =
        subjects + w.subjects.length <= BATCH_SUBJECTS && joined.size <= this.config.checks.suggestions.max_names;
      if (batch.length && !fits) break;
      this.waiting.shift();
      batch.push(w);
      for (const n of w.names) names.add(n);
      subjects += w.subjects.length;
    }
    return batch;
  }

  private next(): void {
    if (this.running >= this.slots || !this.waiting.length) return;
    const batch = this.take();
    this.running++;
    this.run(batch.flatMap((w) => w.subjects))
      .then((results) => {
        let at = 0;
        for (const w of batch) {
          w.resolve(results.slice(at, at + w.subjects.length));
          at += w.subjects.length;
        }
      })
      .catch((e: unknown) => {
        for (const w of batch) w.reject(e);
      })
      .finally(() => {
        this.running--;
        this.next();
      });
  }
}
