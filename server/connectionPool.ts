/**
 * A few connections to one read-only database, handed out one request at a time: a DuckDB connection
 * runs one statement at a time, while separate connections run in parallel on DuckDB's threads.
 */
import type { Database, Db } from '../lib/db.js';

export class ConnectionPool {
  private readonly idle: Db[];
  private readonly waiting: Array<(db: Db) => void> = [];

  private constructor(private readonly all: Db[]) {
    this.idle = [...all];
  }

  static async create(database: Database, size: number): Promise<ConnectionPool> {
    const conns: Db[] = [];
    for (let i = 0; i < size; i++) conns.push(await database.connect());
    return new ConnectionPool(conns);
  }

  /** How many statements can run at once. */
  get size(): number {
    return this.all.length;
  }

  async use<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const db = this.idle.pop() ?? (await new Promise<Db>((resolve) => this.waiting.push(resolve)));
    try {
      return await fn(db);
    } finally {
      const next = this.waiting.shift();
      if (next) next(db);
      else this.idle.push(db);
    }
  }

  close(): void {
    for (const db of this.all) db.close();
  }
}
