// A Kysely dialect for PGlite (PostgreSQL in WebAssembly, in-process). PGlite is one session,
// so the driver hands out its single connection to one holder at a time (a FIFO lock): a
// transaction's statements never interleave with another caller's. SQL generation, the adapter
// and introspection are Kysely's own PostgreSQL ones, so the same queries run on both stores.
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

export class PGliteDialect implements Dialect {
  readonly #database: PGlite;
  readonly #schema: string | null;

  /** `schema`: a search_path set whenever this dialect takes the session (several may share one PGlite). */
  constructor(database: PGlite, schema: string | null = null) {
    this.#database = database;
    this.#schema = schema;
  }

  createDriver(): Driver {
    return new PGliteDriver(this.#database, this.#schema);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

const rowCountCommands = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

class PGliteConnection implements DatabaseConnection {
  readonly #database: PGlite;

  constructor(database: PGlite) {
    this.#database = database;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#database.query<R>(compiledQuery.sql, [...compiledQuery.parameters], {
      rowMode: 'object',
    });
    const command = (result as { command?: string }).command;
    return {
      rows: result.rows,
      numAffectedRows:
        command && rowCountCommands.has(command) ? BigInt(result.affectedRows ?? 0) : undefined,
    };
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('store: streaming queries are not supported on PGlite');
  }
}

/** One FIFO lock per PGlite instance, shared by every driver over it. */
const sessionLocks = new WeakMap<PGlite, { tail: Promise<void> }>();

class PGliteDriver implements Driver {
  readonly #database: PGlite;
  readonly #schema: string | null;
  readonly #connection: PGliteConnection;
  readonly #lock: { tail: Promise<void> };
  #release: (() => void) | null = null;
  #destroyed = false;

  constructor(database: PGlite, schema: string | null) {
    this.#database = database;
    this.#schema = schema;
    this.#connection = new PGliteConnection(database);
    let lock = sessionLocks.get(database);
    if (!lock) sessionLocks.set(database, (lock = { tail: Promise.resolve() }));
    this.#lock = lock;
  }

  async init(): Promise<void> {
    await this.#database.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#destroyed) throw new Error('store: the store is closed');
    const previous = this.#lock.tail;
    let release!: () => void;
    this.#lock.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
    if (this.#schema) {
      try {
        await this.#database.query(`set search_path to "${this.#schema}"`);
      } catch (error) {
        this.#releaseLock();
        throw error;
      }
    }
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let statement = 'begin';
    if (settings.isolationLevel) statement += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) statement += ` ${settings.accessMode}`;
    await connection.executeQuery(CompiledQuery.raw(statement));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#releaseLock();
  }

  /** Waits for the current holder; closing the PGlite itself is the store's job. */
  async destroy(): Promise<void> {
    this.#destroyed = true;
    await this.#lock.tail;
  }

  #releaseLock(): void {
    const release = this.#release;
    this.#release = null;
    release?.();
  }
}
