/**
 * Answers computed from one published build, kept while that build is served. Bounded by total bytes,
 * evicting the least recently used, so a crawl over many filter combinations cannot exhaust memory.
 */
export interface CachedAnswer {
  body: Buffer;
  contentType: string;
  /** Rows in the answer, for the audit log. */
  rows: number;
  filename?: string;
}

export class ResponseCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): CachedAnswer | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-inserting moves the key to the end: Map iteration order is the LRU order.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, answer: CachedAnswer): void {
    if (answer.body.length > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.body.length;
    this.entries.set(key, answer);
    this.bytes += answer.body.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.body.length;
    }
  }

  /** Computes and stores an answer once; concurrent first requests for the same key share one computation. */
  private readonly pending = new Map<string, Promise<CachedAnswer>>();

  async getOrCompute(key: string, compute: () => Promise<CachedAnswer>): Promise<CachedAnswer> {
    const hit = this.get(key);
    if (hit) return hit;
    let p = this.pending.get(key);
    if (!p) {
      p = compute()
        .then((a) => {
          this.set(key, a);
          return a;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    return p;
  }
}
