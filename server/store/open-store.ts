// Opens the store: embedded PGlite in a data directory (default ./data, created on first
// start) or PostgreSQL through pg when DATABASE_URL is set. One schema and the same Kysely
// queries on both; migrations run at open. The store is never on the hot path: callers reach
// it through queues (journal/journal-writer.ts).
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { migrationProvider } from './migrations';
import { PGliteDialect } from './pglite-dialect';
import { pgliteTemplate } from './pglite-template';
import type { StoreSchema } from './schema';

export interface StoreOptions {
  /** A PostgreSQL connection string; when set, the embedded store is not used. */
  databaseUrl?: string | null;
  /** The embedded store's directory (default ./data), or ':memory:' for a throwaway store. */
  dataDir?: string;
  /** A PostgreSQL schema for every table (created if missing); tests pass a unique one. */
  schema?: string;
  /** pg pool size (default 4). */
  poolSize?: number;
  /** An already running PGlite to use instead of opening one (tests share one across schemas); not closed by close(). */
  pglite?: PGlite;
}

export interface Store {
  readonly db: Kysely<StoreSchema>;
  readonly kind: 'pglite' | 'postgres';
  /** Where the data is, for logs: a directory, "memory" or host/database (never a password). */
  readonly location: string;
  close(): Promise<void>;
}

export class StoreOpenError extends Error {
  readonly code = 'STORE_OPEN_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreOpenError';
  }
}

export const defaultDataDir = './data';
const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;
const int8Oid = 20;

/**
 * Store options from the environment: DATABASE_URL, else the embedded store in PATCHDESK_DB
 * (default ./data). PATCHDESK_DATA is something else: the server's folders of bar CSV files.
 */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv): StoreOptions {
  return { databaseUrl: env.DATABASE_URL || null, dataDir: env.PATCHDESK_DB || defaultDataDir };
}

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  if (options.schema !== undefined && !schemaPattern.test(options.schema)) {
    throw new StoreOpenError(`store: schema must match ${schemaPattern}, got "${options.schema}"`);
  }
  const store = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options)
    : await openPGlite(options);
  try {
    await migrate(store.db, options.schema ?? 'public');
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

async function migrate(db: Kysely<StoreSchema>, schema: string): Promise<void> {
  // The schema is named: Kysely looks for its migration tables across all schemas otherwise.
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreOpenError(`store: migration ${failed} failed: ${messageOf(error)}`, { cause: error });
  }
}

async function openPGlite(options: StoreOptions): Promise<Store> {
  if (options.pglite) return overPGlite(options.pglite, options.schema, 'shared', async () => undefined);
  const inMemory = options.dataDir === ':memory:';
  let lock: DataDirLock | null = null;
  let pgDir: string | undefined;
  if (!inMemory) {
    const dataDir = resolve(options.dataDir ?? defaultDataDir);
    mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(join(dataDir, 'pglite.lock'));
    pgDir = join(dataDir, 'pglite');
    setAsideIncompleteInit(pgDir);
  }
  let database: PGlite;
  try {
    database = await PGlite.create({
      dataDir: pgDir,
      // tests: a throwaway store starts from a fresh cluster made once (pglite-template.ts)
      ...(inMemory ? { loadDataDir: pgliteTemplate() } : {}),
      parsers: { [int8Oid]: (value: string) => BigInt(value) },
    });
  } catch (error) {
    lock?.release();
    throw new StoreOpenError(`store: the embedded database could not start: ${messageOf(error)}`, {
      cause: error,
    });
  }
  const location = inMemory ? 'memory' : (options.dataDir ?? defaultDataDir);
  return overPGlite(database, options.schema, location, async () => {
    if (!database.closed) await database.close();
    lock?.release();
  });
}

async function overPGlite(
  database: PGlite,
  schema: string | undefined,
  location: string,
  closeDatabase: () => Promise<void>,
): Promise<Store> {
  if (schema) await database.exec(`create schema if not exists "${schema}"`);
  const db = new Kysely<StoreSchema>({ dialect: new PGliteDialect(database, schema ?? null) });
  return {
    db,
    kind: 'pglite',
    location,
    async close() {
      await db.destroy();
      await closeDatabase();
    },
  };
}

/**
 * A first start killed during initdb leaves a directory without PG_VERSION that PGlite cannot
 * open; it holds no data yet, so it is moved aside (never deleted) and initialised afresh.
 */
function setAsideIncompleteInit(pgDir: string): void {
  if (!existsSync(pgDir) || existsSync(join(pgDir, 'PG_VERSION'))) return;
  if (readdirSync(pgDir).length === 0) return;
  renameSync(pgDir, `${pgDir}.incomplete-${Date.now()}`);
}

async function openPostgres(databaseUrl: string, options: StoreOptions): Promise<Store> {
  const location = describeUrl(databaseUrl);
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === int8Oid
        ? (value: string) => BigInt(value)
        : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  if (options.schema) {
    const client = new pg.Client({ connectionString: databaseUrl });
    try {
      await client.connect();
      await client.query(`create schema if not exists "${options.schema}"`);
    } catch (error) {
      throw new StoreOpenError(`store: cannot reach PostgreSQL at ${location}: ${messageOf(error)}`, {
        cause: error,
      });
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 4,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // A client checked out when its connection dies (pg_terminate_backend, a restart mid-query)
  // emits 'error' too: without a listener that would crash the process. Its query fails, and
  // the pool discards the broken client on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new StoreOpenError(`store: cannot reach PostgreSQL at ${location}: ${messageOf(error)}`, {
      cause: error,
    });
  }
  return { db, kind: 'postgres', location, close: () => db.destroy() };
}

/** host:port/database of a connection string, without user or password. */
function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
