/**
 * The one module that talks to DuckDB: opening files read-write or read-only, bound parameters,
 * transactions, appenders, and turning DuckDB values into plain JSON-safe JavaScript.
 */
import {
  DuckDBInstance,
  DuckDBConnection,
  DuckDBListValue,
  DuckDBArrayValue,
  DuckDBStructValue,
  DuckDBDecimalValue,
  DuckDBDateValue,
  DuckDBTimestampValue,
  DuckDBTimestampTZValue,
  DuckDBMapValue,
  DuckDBBlobValue,
  LIST,
  VARCHAR,
  DuckDBScalarFunction,
  type DuckDBAppender,
  type DuckDBPreparedStatement,
  type DuckDBResultReader,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SentinelError } from './errors.js';

export type Param = string | number | boolean | null | bigint | readonly string[];
export type Row = Record<string, Plain>;
export type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain };

export interface OpenOptions {
  readOnly?: boolean;
  /** DuckDB memory limit, e.g. '4GB'. */
  memoryLimit?: string;
  threads?: number;
}

/** Converts one DuckDB value to plain JS: BIGINT → number, DATE → 'YYYY-MM-DD', DECIMAL → number. */
export function toPlain(v: DuckDBValue): Plain {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') {
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) return v.toString();
    return Number(v);
  }
  if (v instanceof DuckDBListValue || v instanceof DuckDBArrayValue) return v.items.map(toPlain);
  if (v instanceof DuckDBStructValue) {
    const out: Record<string, Plain> = {};
    for (const [k, x] of Object.entries(v.entries)) out[k] = toPlain(x);
    return out;
  }
  if (v instanceof DuckDBMapValue) {
    const out: Record<string, Plain> = {};
    for (const e of v.entries) out[String(toPlain(e.key))] = toPlain(e.value);
    return out;
  }
  if (v instanceof DuckDBDecimalValue) return v.toDouble();
  if (v instanceof DuckDBDateValue) return v.toString();
  if (v instanceof DuckDBTimestampTZValue || v instanceof DuckDBTimestampValue) return v.toString();
  if (v instanceof DuckDBBlobValue) return Buffer.from(v.bytes).toString('base64');
  return String(v);
}

const VARCHAR_LIST = LIST(VARCHAR);

/** Parameters for DuckDB; string arrays are typed explicitly, since an empty list has no item type. */
function bind(params: readonly Param[] | undefined): [DuckDBValue[] | undefined, DuckDBType[] | undefined] {
  if (!params) return [undefined, undefined];
  const values = params.map((p) => (Array.isArray(p) ? new DuckDBListValue(p as string[]) : (p as DuckDBValue)));
  const types = params.map((p) => (Array.isArray(p) ? VARCHAR_LIST : undefined)) as DuckDBType[];
  return [values, types];
}

/**
 * `cs__nfkc_js('<' || text)`: Unicode NFKC by JavaScript's own implementation, registered on every connection
 * (a function registered in JS exists only in the process that registered it, so this module, which
 * opens every connection, owns it). The cs_nfkc macro calls it only for the rare text that NFKC changes
 * beyond the common full-width punctuation; as a macro of lookup tables it made every statement that
 * normalises text slow to plan.
 */
const NFKC_FUNCTION = () =>
  DuckDBScalarFunction.create({
    name: 'cs__nfkc_js',
    mainFunction: (_info, input, output) => {
      const v = input.getColumnVector(0);
      for (let i = 0; i < input.rowCount; i++) {
        // The argument arrives with one character in front: reading a string into JS drops a leading
        // U+FEFF, and NFKC keeps it, so the macro passes '<' || text and the prefix is cut here.
        const s = v.getItem(i) as string | null;
        output.setItem(i, s === null ? null : s.slice(1).normalize('NFKC'));
      }
      output.flush();
    },
    returnType: VARCHAR,
    parameterTypes: [VARCHAR],
  });

/** Prepared statements a read-only connection keeps; more distinct statements than this are prepared each time. */
const PREPARED_KEPT = 64;

/** A connection with the product's conventions. */
export class Db {
  /** Parametrised statements of a read-only connection, prepared once (statement → whether one is running). */
  private readonly prepared = new Map<string, { statement: DuckDBPreparedStatement; busy: boolean }>();

  constructor(
    readonly conn: DuckDBConnection,
    readonly path: string,
    readonly readOnly: boolean,
  ) {}

  async run(sql: string, params?: readonly Param[]): Promise<void> {
    await this.conn.run(sql, ...bind(params));
  }

  /**
   * Runs a long statement and reports DuckDB's progress (0–100) every `everyMs` while it runs;
   * the statement runs on DuckDB's threads, so the event loop is free to report.
   */
  async runWithProgress(sql: string, onProgress: (percent: number) => void, everyMs = 2000): Promise<void> {
    const timer = setInterval(() => {
      const p = this.conn.progress;
      if (p && p.percentage >= 0) onProgress(p.percentage);
    }, everyMs);
    try {
      await this.conn.run(sql);
    } finally {
      clearInterval(timer);
    }
  }

  /** Runs a script of several statements (no parameters). */
  async exec(sql: string): Promise<void> {
    await this.conn.run(sql);
  }

  async all<T = Row>(sql: string, params?: readonly Param[]): Promise<T[]> {
    const reader = await this.read(sql, params);
    const names = reader.columnNames();
    return reader.getRows().map((r) => {
      const o: Record<string, Plain> = {};
      names.forEach((n, i) => (o[n] = toPlain(r[i] ?? null)));
      return o as T;
    });
  }

  /**
   * A read-only database never changes, so the plan of a parametrised statement it runs again (a credit check's
   * look-ups, a page's query) is reused instead of parsed and planned on every call: parsing and planning ran
   * on the event loop and took a sixth of a small check's time. A statement already running on this
   * connection (two callers sharing one Db) runs the ordinary way rather than rebinding the running one.
   */
  private async read(sql: string, params?: readonly Param[]): Promise<DuckDBResultReader> {
    const kept = params && this.readOnly ? this.prepared.get(sql) : undefined;
    if (!params || !this.readOnly || kept?.busy || (!kept && this.prepared.size >= PREPARED_KEPT))
      return this.conn.runAndReadAll(sql, ...bind(params));
    const entry = kept ?? { statement: await this.conn.prepare(sql), busy: false };
    if (!kept) this.prepared.set(sql, entry);
    entry.busy = true;
    try {
      const [values, types] = bind(params);
      entry.statement.bind(values!, types);
      return await entry.statement.runAndReadAll();
    } finally {
      entry.busy = false;
    }
  }

  async one<T = Row>(sql: string, params?: readonly Param[]): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async value<T extends Plain = Plain>(sql: string, params?: readonly Param[]): Promise<T> {
    const row = await this.one(sql, params);
    if (!row) throw new Error(`query returned no row: ${sql.slice(0, 80)}`);
    return Object.values(row)[0] as T;
  }

  /** Runs `fn` in a transaction: committed when it returns, rolled back when it throws. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.conn.run('begin transaction');
    try {
      const out = await fn();
      await this.conn.run('commit');
      return out;
    } catch (e) {
      try {
        await this.conn.run('rollback');
      } catch {
        // the transaction may already be aborted by the failing statement
      }
      throw e;
    }
  }

  async appender(table: string, schema?: string): Promise<DuckDBAppender> {
    return this.conn.createAppender(table, schema ?? null);
  }

  close(): void {
    this.conn.closeSync();
  }
}

/** An opened database file; `connect()` gives independent connections (MVCC between them). */
export class Database {
  private constructor(
    readonly instance: DuckDBInstance,
    readonly path: string,
    readonly readOnly: boolean,
  ) {}

  static async open(path: string, opts: OpenOptions = {}): Promise<Database> {
    if (path !== ':memory:' && !opts.readOnly) mkdirSync(dirname(path), { recursive: true });
    const options: Record<string, string> = {
      // No extension can be downloaded here: fail fast instead of stalling on a stray read_xlsx.
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    };
    if (opts.readOnly) options.access_mode = 'READ_ONLY';
    if (opts.memoryLimit) options.memory_limit = opts.memoryLimit;
    if (opts.threads) options.threads = String(opts.threads);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, options);
    } catch (e) {
      const m = /Could not set lock on file.*?\(PID (\d+)\)/s.exec(String(e));
      if (!m) throw e;
      // One writer per file and no reader beside it (STACK.md): say who holds it and what to do.
      throw new SentinelError(
        'locked',
        `${path} is in use by another process (PID ${m[1]}); ` +
          'DuckDB lets one process write a file and none read it meanwhile. ' +
          'If `sentinel start` is running, it ingests and builds on its schedule: ' +
          'leave files in the inbox, or stop it first.',
      );
    }
    return new Database(instance, path, opts.readOnly ?? false);
  }

  async connect(): Promise<Db> {
    const conn = await this.instance.connect();
    conn.registerScalarFunction(NFKC_FUNCTION());
    // Dates are Asia/Shanghai dates everywhere (rules.md); ICU is built in.
    await conn.run(`set TimeZone = 'Asia/Shanghai'`);
    return new Db(conn, this.path, this.readOnly);
  }

  close(): void {
    this.instance.closeSync();
  }
}

/** Opens a database, runs `fn` with one connection, and closes both whatever happens. */
export async function withDb<T>(path: string, opts: OpenOptions, fn: (db: Db) => Promise<T>): Promise<T> {
  const database = await Database.open(path, opts);
  try {
    const db = await database.connect();
    try {
      return await fn(db);
    } finally {
      db.close();
    }
  } finally {
    database.close();
  }
}

/** Quotes an identifier for SQL text (identifiers cannot be bound as parameters). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal, for DDL and generated model SQL where parameters cannot be bound. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
