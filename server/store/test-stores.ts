// Test support: the stores a store test runs against. PGlite (in memory) always; PostgreSQL when
// DATABASE_URL is set, in a schema of its own so parallel test files never collide. Under
// CI=true a missing DATABASE_URL fails the PostgreSQL case instead of skipping it.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openStore, type Store, type StoreOptions } from './open-store';
import { pgliteTemplate } from './pglite-template';

export interface StoreTarget {
  name: 'pglite' | 'postgres';
  /** Opens a fresh, migrated store; every call gets its own schema or memory database. */
  open(extra?: Partial<StoreOptions>): Promise<Store>;
  /** Drops what `open` created (PostgreSQL schemas). */
  cleanup(): Promise<void>;
}

export function storeTargets(fileTag: string, env: NodeJS.ProcessEnv = process.env): StoreTarget[] {
  return [pgliteTarget(fileTag), postgresTarget(fileTag, env)];
}

/** One in-memory PGlite per test file (starting one takes seconds); a schema per open. */
function pgliteTarget(fileTag: string): StoreTarget {
  let shared: Promise<PGlite> | null = null;
  return {
    name: 'pglite',
    open: (extra) => {
      shared ??= PGlite.create({
        parsers: { 20: (value: string) => BigInt(value) },
        loadDataDir: pgliteTemplate(), // a fresh cluster made once per test run (pglite-template.ts)
      });
      return shared.then((pglite) =>
        openStore({ pglite, schema: `t_${fileTag}_${schemaCounter++}`, ...extra }),
      );
    },
    cleanup: async () => {
      if (shared) await (await shared).close();
      shared = null;
    },
  };
}

let schemaCounter = 0;

function postgresTarget(fileTag: string, env: NodeJS.ProcessEnv): StoreTarget {
  const databaseUrl = env.DATABASE_URL;
  const schemas: string[] = [];
  return {
    name: 'postgres',
    async open(extra) {
      if (!databaseUrl) {
        throw new Error('DATABASE_URL is not set: the PostgreSQL store tests need it under CI=true');
      }
      const schema = `t_${fileTag}_${process.pid}_${Date.now().toString(36)}_${schemaCounter++}`;
      schemas.push(schema);
      return openStore({ databaseUrl, schema, ...extra });
    },
    async cleanup() {
      if (!databaseUrl || schemas.length === 0) return;
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        for (const schema of schemas.splice(0))
          await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Whether a target can run here: PostgreSQL needs DATABASE_URL unless CI demands it. */
export function targetRuns(target: StoreTarget, env: NodeJS.ProcessEnv = process.env): boolean {
  if (target.name === 'pglite') return true;
  return Boolean(env.DATABASE_URL) || env.CI === 'true';
}
