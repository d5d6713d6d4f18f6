// Recorder throughput: market trades per second from `MarketRecorder.offer` to committed rows,
// on PGlite (on disk, in a temporary directory) and on PostgreSQL (when DATABASE_URL is set),
// against a baseline run alongside on the same database: the same rows through hand-written
// multi-row INSERTs with the same rows per statement and per transaction, without the queue,
// Kysely or the on-conflict clause. Trade times are real epoch milliseconds (now, one per ms).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { MarketEvent } from '../server/market/events';
import { rowsPerInsert } from '../server/market/market-rows';
import { MarketRecorder } from '../server/market/recorder';
import { openStore, type Store } from '../server/store/open-store';
import type { Bench, BenchResult } from './types';

const tradeCount = 200_000;
const batchEvents = 8_000;
const columns = 8;

function trades(): MarketEvent[] {
  const start = Date.now() - tradeCount;
  const list: MarketEvent[] = [];
  let price = 42_000;
  for (let i = 0; i < tradeCount; i++) {
    price += ((i * 7919) % 11) - 5;
    list.push({
      kind: 'trade',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      exchangeTimeMs: start + i,
      receivedAtMs: start + i + 3,
      tradeId: String(i),
      price,
      amount: 0.001 * (1 + (i % 50)),
      side: i % 3 === 0 ? 'sell' : 'buy',
      sideFrom: 'venue',
    });
  }
  return list;
}

async function recorderRate(store: Store, events: MarketEvent[]): Promise<number> {
  const recorder = await MarketRecorder.start(store, {
    queueEventsMax: events.length,
    batchEventsMax: batchEvents,
  });
  const started = performance.now();
  for (const event of events) recorder.offer(event);
  await recorder.flush();
  const seconds = (performance.now() - started) / 1000;
  if (recorder.stats().rowsWritten !== events.length) throw new Error('recorder bench: rows missing');
  await recorder.close();
  return events.length / seconds;
}

type Run = (statements: { text: string; params: unknown[] }[]) => Promise<void>;

/** The same rows as plain parameterised multi-row INSERTs, `batchEvents` rows a transaction. */
async function rawRate(run: Run, events: MarketEvent[]): Promise<number> {
  await run([
    {
      text: `create table if not exists bench_trades (venue text, symbol text, time_ms bigint, trade_id text,
        price float8, amount float8, side int2, received_at_ms bigint, primary key (venue, symbol, time_ms, trade_id))`,
      params: [],
    },
  ]);
  const started = performance.now();
  for (let offset = 0; offset < events.length; offset += batchEvents) {
    const statements: { text: string; params: unknown[] }[] = [];
    const end = Math.min(events.length, offset + batchEvents);
    for (let from = offset; from < end; from += rowsPerInsert) {
      const slice = events.slice(from, Math.min(end, from + rowsPerInsert));
      const params: unknown[] = [];
      const values: string[] = [];
      for (const event of slice) {
        if (event.kind !== 'trade') continue;
        const n = params.length;
        values.push(`(${Array.from({ length: columns }, (_, c) => `$${n + c + 1}`).join(',')})`);
        params.push(
          event.venue,
          event.symbol,
          event.exchangeTimeMs,
          event.tradeId,
          event.price,
          event.amount,
          event.side === 'buy' ? 1 : -1,
          event.receivedAtMs,
        );
      }
      statements.push({ text: `insert into bench_trades values ${values.join(',')}`, params });
    }
    await run(statements);
  }
  return events.length / ((performance.now() - started) / 1000);
}

async function pgliteResult(events: MarketEvent[]): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'patchdesk-bench-recorder-'));
  const pglite = await PGlite.create({
    dataDir: join(dir, 'pglite'),
    parsers: { 20: (v: string) => BigInt(v) },
  });
  try {
    const store = await openStore({ pglite });
    const recorded = await recorderRate(store, events);
    const raw = await rawRate(async (statements) => {
      await pglite.transaction(async (tx) => {
        for (const { text, params } of statements) await tx.query(text, params);
      });
    }, events);
    await store.close();
    return result('recorder trades/s to PGlite (disk)', recorded, raw);
  } finally {
    await pglite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresResult(databaseUrl: string, events: MarketEvent[]): Promise<BenchResult> {
  const schema = `bench_recorder_${process.pid}`;
  const store = await openStore({ databaseUrl, schema });
  const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const recorded = await recorderRate(store, events);
    const raw = await rawRate(async (statements) => {
      await client.query('begin');
      for (const { text, params } of statements) await client.query(text, params);
      await client.query('commit');
    }, events);
    return result('recorder trades/s to PostgreSQL', recorded, raw);
  } finally {
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
    await store.close();
  }
}

function result(name: string, value: number, baseline: number): BenchResult {
  return {
    name,
    value: Math.round(value),
    unit: 'rows/s',
    baselineName: 'raw multi-row INSERT',
    baselineValue: Math.round(baseline),
    ratio: value / baseline,
    goal: '>= 0.5x of raw inserts (the recorder adds a queue, ordering and idempotent keys)',
    notes: `${tradeCount} trades, ${batchEvents} a transaction, ${rowsPerInsert} a statement`,
  };
}

const bench: Bench = {
  name: 'market-recorder',
  async run(): Promise<BenchResult[]> {
    const events = trades();
    const results = [await pgliteResult(events)];
    if (process.env.DATABASE_URL) results.push(await postgresResult(process.env.DATABASE_URL, events));
    else process.stderr.write('market-recorder bench: DATABASE_URL is not set, PostgreSQL skipped\n');
    return results;
  },
};

export default bench;
