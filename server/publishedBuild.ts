/**
 * The server's view of the published build. A published build never changes, so one read-only handle
 * per build is kept open and answers are cached per build; when DIR/published.json names another build,
 * new requests go to the new one and the old handle closes once its last request finishes.
 */
import { statSync } from 'node:fs';
import { paths } from '../lib/dataDir.js';
import { Database, type Db } from '../lib/db.js';
import { readPointer, pointerPath, type PublishedPointer } from '../lib/publish/pointer.js';
import type { Log } from '../lib/log.js';
import { ConnectionPool } from './connectionPool.js';
import { ResponseCache } from './responseCache.js';

export class BuildHandle {
  private leases = 0;
  private retired = false;
  readonly cache = new ResponseCache();

  constructor(
    readonly pointer: PublishedPointer,
    private readonly database: Database,
    private readonly pool: ConnectionPool,
  ) {}

  /** Runs `fn` on one of the build's connections (DuckDB runs one statement per connection at a time). */
  query<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.pool.use(fn);
  }

  /** How many of the build's statements can run at once. */
  get connections(): number {
    return this.pool.size;
  }

  acquire(): void {
    this.leases++;
  }

  release(): void {
    this.leases--;
    if (this.retired && this.leases === 0) this.close();
  }

  retire(): void {
    this.retired = true;
    if (this.leases === 0) this.close();
  }

  private close(): void {
    this.pool.close();
    this.database.close();
  }
}

export class PublishedBuilds {
  private current: BuildHandle | null = null;
  private opening: Promise<BuildHandle> | null = null;
  private pointerKey = '';

  constructor(
    readonly dataDir: string,
    private readonly log: Log,
    private readonly connections = 2,
  ) {}

  /** The pointer file's identity; a changed file is re-read, an unchanged one costs one stat. */
  private statKey(): string | null {
    try {
      const st = statSync(pointerPath(this.dataDir));
      return `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  /** The published build, or null when none has been published yet. */
  async get(): Promise<BuildHandle | null> {
    const key = this.statKey();
    if (key === null) return null;
    if (this.current && key === this.pointerKey) return this.current;
    const pointer = readPointer(this.dataDir);
    if (!pointer) return null;
    if (this.current?.pointer.build_id === pointer.build_id) {
      this.pointerKey = key;
      return this.current;
    }
    this.opening ??= this.open(pointer, key).finally(() => (this.opening = null));
    return this.opening;
  }

  private async open(pointer: PublishedPointer, key: string): Promise<BuildHandle> {
    const database = await Database.open(paths.pointedFile(this.dataDir, pointer.file), { readOnly: true });
    const pool = await ConnectionPool.create(database, this.connections);
    const handle = new BuildHandle(pointer, database, pool);
    const previous = this.current;
    this.current = handle;
    this.pointerKey = key;
    previous?.retire();
    this.log.info({ build_id: pointer.build_id, as_of: pointer.as_of }, 'serving published build');
    return handle;
  }

  /** Runs `fn` with the published build held open for its duration. */
  async with<T>(fn: (build: BuildHandle | null) => Promise<T>): Promise<T> {
    const build = await this.get();
    build?.acquire();
    try {
      return await fn(build);
    } finally {
      build?.release();
    }
  }

  close(): void {
    this.current?.retire();
    this.current = null;
  }
}
