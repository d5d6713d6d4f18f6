import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from './migrations';
import { openStore } from './open-store';
import { storeTargets, targetRuns } from './test-stores';

const targets = storeTargets('open_store');
afterAll(async () => {
  for (const target of targets) await target.cleanup();
});

describe.each(targets)('store on $name', (target) => {
  const run = targetRuns(target) ? it : it.skip;
  if (!targetRuns(target)) console.warn(`store tests on ${target.name} skipped: DATABASE_URL is not set`);

  run('runs every migration once at open and records them', async () => {
    const store = await target.open();
    try {
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        store.db,
      );
      expect(rows.map((r) => r.name)).toEqual(Object.keys(migrations));
    } finally {
      await store.close();
    }
  });

  run('reads int8 back as bigint beyond 2^53 and json as objects', async () => {
    const store = await target.open();
    try {
      await store.db
        .insertInto('journal_runs')
        .values({ run_id: 'r', created_at_ms: 1, meta: '{"a":[1,2]}' })
        .execute();
      await store.db
        .insertInto('ledger_transfers')
        .values({
          run_id: 'r',
          transfer_id: 't',
          seq: 1,
          debit_account_id: 'a',
          credit_account_id: 'b',
          amount: 9_007_199_254_740_993n,
          ledger: 1,
          code: 1,
          flags: 0,
          event_id: 'e',
          at_ms: 5,
        })
        .execute();
      const row = await store.db.selectFrom('ledger_transfers').selectAll().executeTakeFirstOrThrow();
      expect(row.amount).toBe(9_007_199_254_740_993n);
      expect(row.seq).toBe(1n);
      const run = await store.db.selectFrom('journal_runs').select('meta').executeTakeFirstOrThrow();
      expect(run.meta).toEqual({ a: [1, 2] });
    } finally {
      await store.close();
    }
  });

  run('refuses what the schema forbids: a zero amount, a transfer to itself', async () => {
    const store = await target.open();
    try {
      await store.db
        .insertInto('journal_runs')
        .values({ run_id: 'r', created_at_ms: 1, meta: '{}' })
        .execute();
      const transfer = {
        run_id: 'r',
        transfer_id: 't',
        seq: 1,
        debit_account_id: 'a',
        credit_account_id: 'b',
        amount: 1n,
        ledger: 1,
        code: 1,
        flags: 0,
        event_id: 'e',
        at_ms: 5,
      };
      await expect(
        store.db
          .insertInto('ledger_transfers')
          .values({ ...transfer, amount: 0n })
          .execute(),
      ).rejects.toThrow(/check/i);
      await expect(
        store.db
          .insertInto('ledger_transfers')
          .values({ ...transfer, credit_account_id: 'a' })
          .execute(),
      ).rejects.toThrow(/check/i);
    } finally {
      await store.close();
    }
  });

  run('rolls a failed transaction back and keeps transactions apart', async () => {
    const store = await target.open();
    try {
      await store.db
        .insertInto('journal_runs')
        .values({ run_id: 'r', created_at_ms: 1, meta: '{}' })
        .execute();
      await expect(
        store.db.transaction().execute(async (tx) => {
          await tx.insertInto('journal_runs').values({ run_id: 'x', created_at_ms: 1, meta: '{}' }).execute();
          await tx.insertInto('journal_runs').values({ run_id: 'r', created_at_ms: 1, meta: '{}' }).execute();
        }),
      ).rejects.toThrow();
      // Two transactions at once: each sees its own writes only; both commit.
      const write = (id: string) =>
        store.db.transaction().execute(async (tx) => {
          await tx.insertInto('journal_runs').values({ run_id: id, created_at_ms: 2, meta: '{}' }).execute();
          await new Promise((resolve) => setTimeout(resolve, 5));
          return tx.selectFrom('journal_runs').select('run_id').where('created_at_ms', '=', 2n).execute();
        });
      const [a, b] = await Promise.all([write('a'), write('b')]);
      // Each sees its own write. Whether b also sees a depends on whether a had committed by then
      // (READ COMMITTED on PostgreSQL; PGlite runs them one after the other), so that is not pinned.
      expect(a.map((r) => r.run_id)).toContain('a');
      expect(b.map((r) => r.run_id)).toContain('b');
      const ids = await store.db.selectFrom('journal_runs').select('run_id').orderBy('run_id').execute();
      expect(ids.map((r) => r.run_id)).toEqual(['a', 'b', 'r']);
    } finally {
      await store.close();
    }
  });
});

describe('embedded store in a data directory', () => {
  it('is created on first open, keeps its data across reopen, and is locked while open', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'patchdesk-store-')), 'data');
    try {
      const first = await openStore({ dataDir });
      await first.db
        .insertInto('journal_runs')
        .values({ run_id: 'kept', created_at_ms: 1, meta: '{}' })
        .execute();
      await expect(openStore({ dataDir })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
      await first.close();
      expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
      const second = await openStore({ dataDir });
      const rows = await second.db.selectFrom('journal_runs').select('run_id').execute();
      expect(rows).toEqual([{ run_id: 'kept' }]);
      await second.close();
    } finally {
      rmSync(join(dataDir, '..'), { recursive: true, force: true });
    }
  });

  it('takes over the lock of a process that is gone and sets aside a half-initialised directory', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'patchdesk-store-')), 'data');
    try {
      const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
      mkdirSync(join(dataDir, 'pglite'), { recursive: true });
      writeFileSync(join(dataDir, 'pglite.lock'), gone.stdout.toString());
      writeFileSync(join(dataDir, 'pglite', 'postmaster.pid'), '-42'); // initdb killed before PG_VERSION
      const store = await openStore({ dataDir });
      await store.close();
      expect(readdirSync(dataDir).some((name) => name.startsWith('pglite.incomplete-'))).toBe(true);
      expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    } finally {
      rmSync(join(dataDir, '..'), { recursive: true, force: true });
    }
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openStore({ dataDir: ':memory:', schema: 'x"; drop' })).rejects.toMatchObject({
      code: 'STORE_OPEN_FAILED',
    });
  });

  it('reports an unreachable PostgreSQL without the password', async () => {
    const error = await openStore({ databaseUrl: 'postgres://user:secret@127.0.0.1:1/nowhere' }).catch(
      (e: Error) => e,
    );
    expect(error).toMatchObject({ code: 'STORE_OPEN_FAILED' });
    expect((error as Error).message).toContain('127.0.0.1:1/nowhere');
    expect((error as Error).message).not.toContain('secret');
  });
});
