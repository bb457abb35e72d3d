// Kysely over better-sqlite3 for the store: write transactions take SQLite's write lock up front (BEGIN IMMEDIATE)
// and an in-process lock per file, so handles sharing a file in one process never block Node's event loop on each other.
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  CompiledQuery, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
  type DatabaseConnection, type DatabaseIntrospector, type Dialect, type DialectAdapter, type Driver,
  type QueryCompiler, type QueryResult,
} from 'kysely';
import type { Database as Schema } from './schema.ts';

/** How long a writer waits for another process's write transaction before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;
/** Prepared statements kept per connection; batched inserts reuse a few large statements many times. */
const STATEMENT_CACHE_SIZE = 64;

/** A FIFO async mutex. */
class AsyncLock {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with the release function once the lock is held. */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    const previous = this.tail;
    this.tail = previous.then(() => held);
    await previous;
    return release;
  }
}

/**
 * better-sqlite3 is synchronous: if one handle waited on SQLite's busy handler for a lock that another handle
 * in the same process holds across an `await`, the holder could never run again. Writers in one process
 * therefore queue here first; SQLite's own lock (with busy_timeout) then only arbitrates between processes.
 */
const fileLocks = new Map<string, AsyncLock>();

function lockFor(file: string): AsyncLock {
  if (file === ':memory:') return new AsyncLock();
  const key = resolve(file);
  let lock = fileLocks.get(key);
  if (!lock) { lock = new AsyncLock(); fileLocks.set(key, lock); }
  return lock;
}

type Statement = Database.Statement<unknown[], unknown>;

class StoreSqliteConnection implements DatabaseConnection {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Database.Database) {}

  private prepare(sqlText: string): Statement {
    let stmt = this.statements.get(sqlText);
    if (stmt) {
      this.statements.delete(sqlText); // re-insert: the Map's order is the recency order
    } else {
      stmt = this.db.prepare(sqlText);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(sqlText, stmt);
    return stmt;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.prepare(query.sql);
    const params = query.parameters as unknown[]; // bound as one array: no 30 000-argument spread
    if (stmt.reader) return { rows: stmt.all(params) as R[] };
    const { changes } = stmt.run(params);
    return { numAffectedRows: BigInt(changes), rows: [] };
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the store does not stream queries');
  }
}

class StoreSqliteDriver implements Driver {
  private readonly connectionLock = new AsyncLock();
  private releaseConnectionLock: (() => void) | null = null;
  private releaseWriteLock: (() => void) | null = null;
  private readonly connection: StoreSqliteConnection;

  constructor(db: Database.Database, private readonly writeLock: AsyncLock) {
    this.connection = new StoreSqliteConnection(db);
  }

  async init(): Promise<void> {}

  /** SQLite has one connection per handle: callers take turns. */
  async acquireConnection(): Promise<DatabaseConnection> {
    this.releaseConnectionLock = await this.connectionLock.acquire();
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.releaseConnectionLock;
    this.releaseConnectionLock = null;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    this.releaseWriteLock = await this.writeLock.acquire();
    try {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    } catch (err) {
      this.unlockWrites();
      throw err;
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
    this.unlockWrites();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      if (this.connection.db.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
    } finally {
      this.unlockWrites();
    }
  }

  private unlockWrites(): void {
    const release = this.releaseWriteLock;
    this.releaseWriteLock = null;
    release?.();
  }

  async destroy(): Promise<void> {
    this.connection.db.close();
  }
}

class StoreSqliteDialect implements Dialect {
  constructor(private readonly db: Database.Database, private readonly writeLock: AsyncLock) {}
  createDriver(): Driver { return new StoreSqliteDriver(this.db, this.writeLock); }
  createQueryCompiler(): QueryCompiler { return new SqliteQueryCompiler(); }
  createAdapter(): DialectAdapter { return new SqliteAdapter(); }
  // Kysely's Dialect interface types the introspector's database as Kysely<any>.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector { return new SqliteIntrospector(db); }
}

/** Open (creating if needed) a SQLite file, or ':memory:', configured for concurrent writers. */
export function openSqliteKysely(file: string): Kysely<Schema> {
  const db = new Database(file);
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('synchronous = NORMAL'); // durable across application crashes; WAL makes this safe and fast
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536'); // up to 64 MiB of pages, so a 100k-row batch does not spill mid-transaction
  return new Kysely<Schema>({ dialect: new StoreSqliteDialect(db, lockFor(file)) });
}
