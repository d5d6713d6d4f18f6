// A paper run started through the server journals every order record, trading event and ledger
// transfer; rebuilding the ledger from the journal alone gives exactly the run's own ledger
// (same accounts, same posted debits and credits, same positions). On the embedded store
// always, and on PostgreSQL when DATABASE_URL is set (required under CI=true).
import { afterAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { startTestServer } from '../../main/test-server';
import type { StoreOptions } from '../../store/open-store';
import { JournalStore } from './journal-store';
import { restoreRun } from './restore-run';
import { stateDigest } from './paper-run/state-digest';

const databaseUrl = process.env.DATABASE_URL;
const schema = `t_paper_journal_${process.pid}_${Date.now().toString(36)}`;
const targets: { name: string; database: StoreOptions | null }[] = [
  { name: 'embedded (PGlite)', database: { dataDir: ':memory:' } },
  {
    name: 'PostgreSQL',
    database: databaseUrl
      ? { databaseUrl, schema }
      : process.env.CI === 'true'
        ? { databaseUrl: 'missing' }
        : null,
  },
];

afterAll(async () => {
  if (!databaseUrl) return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});

describe.each(targets)('paper run journal on $name', ({ database }) => {
  it.skipIf(database === null)(
    "holds the whole ledger: rebuilt from the journal it equals the run's own",
    async () => {
      if (database?.databaseUrl === 'missing') throw new Error('DATABASE_URL is required under CI=true');
      const test = await startTestServer({ database });
      try {
        const { runManager } = test.server;
        await runManager.start('atr-breakout', { mode: 'paper', barsPerTick: 1_000 });
        await vi.waitFor(() => expect(runManager.isRunning('atr-breakout')).toBe(false), {
          timeout: 20_000,
          interval: 50,
        });
        await runManager.journalsClosed();
        const session = runManager.tradingOf('atr-breakout');
        expect(session).not.toBeNull();
        expect(session!.records.fillCount).toBeGreaterThan(100);

        const db = (await test.server.database!.get()).db;
        const runs = await db.selectFrom('journal_runs').selectAll().execute();
        expect(runs).toHaveLength(1);
        expect(runs[0].run_id).toMatch(/^atr-breakout:[0-9a-z]+$/);
        const meta = (typeof runs[0].meta === 'string' ? JSON.parse(runs[0].meta) : runs[0].meta) as {
          patchName: string;
          patchHash: string;
        };
        expect(meta.patchName).toBe('atr-breakout');
        expect(meta.patchHash).toMatch(/^[0-9a-f]{64}$/);

        const journaled = await new JournalStore(db).readRun(runs[0].run_id);
        const restored = restoreRun(journaled, { leverageOf: () => 10 });
        const own = stateDigest(session!.accounting);
        expect(own.balanced).toBe(true);
        expect(stateDigest(restored.accounting)).toEqual(own);
        // every fill's trading event is in the journal once
        const fillEvents = restored.tradingEvents.filter(({ event }) => event.kind === 'fill');
        expect(fillEvents).toHaveLength(session!.records.fillCount);
        expect(new Set(fillEvents.map(({ event }) => event.eventId)).size).toBe(fillEvents.length);
      } finally {
        await test.stop();
      }
    },
    60_000,
  );
});
