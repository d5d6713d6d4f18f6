// Journal writes per second to PGlite (on disk, in a temporary directory) and to PostgreSQL
// (when DATABASE_URL is set): the JournalWriter taking groups of one trading-event record and
// four transfers through Kysely, against a baseline run alongside on the same database that
// inserts the same rows with hand-written multi-row INSERTs (1 000 rows per transaction),
// without the writer, Kysely or JSON payloads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openStore, type Store } from '../server/store/open-store';
import type { JournalEntry } from '../server/trading/journal/journal-entries';
import { JournalStore } from '../server/trading/journal/journal-store';
import { JournalWriter } from '../server/trading/journal/journal-writer';
import { transferFlags } from '../server/trading/ledger/ledger-types';
import type { Bench, BenchResult } from './types';

const groupCount = 4_000;
const transfersPerGroup = 4;
/** One INSERT of this many rows per transaction (PostgreSQL's bind limit is 65 535 parameters). */
const rowsPerTransaction = 1_000;

function groups(): JournalEntry[][] {
  const list: JournalEntry[][] = [];
  for (let g = 0; g < groupCount; g++) {
    const eventId = `fill-${g}`;
    const group: JournalEntry[] = [
      {
        type: 'record',
        recordId: eventId,
        kind: 'trading-event',
        atMs: g,
        payload: { event: { eventId, price: 60_000.5, quantity: 0.01 } },
      },
    ];
    for (let t = 0; t < transfersPerGroup; t++) {
      group.push({
        type: 'transfer',
        transfer: {
          id: `${eventId}/${t}`,
          debitAccountId: `acct/${t}`,
          creditAccountId: `acct/${t + 1}`,
          amount: BigInt(1_000 + g),
          ledger: 1,
          code: 10 + t,
          flags: t < transfersPerGroup - 1 ? transferFlags.linked : 0,
          eventId,
          timestampMs: g,
        },
      });
    }
    list.push(group);
  }
  return list;
}

async function writerRate(store: Store, runId: string, list: JournalEntry[][]): Promise<number> {
  const journal = new JournalStore(store.db);
  await journal.ensureRun(runId, 0);
  const writer = new JournalWriter(journal.sinkFor(runId), { nextSeq: 1, capacityEntries: 1_000_000 });
  const start = performance.now();
  for (const group of list) writer.append(group);
  await writer.flush();
  const entries = list.reduce((sum, g) => sum + g.length, 0);
  return entries / ((performance.now() - start) / 1000);
}

/** The same rows through plain parameterised multi-row INSERTs. */
async function rawRate(
  run: (text: string, params: unknown[]) => Promise<unknown>,
  list: JournalEntry[][],
): Promise<number> {
  await run(
    `create table if not exists bench_rows (run_id text, seq bigint, id text, a text, b text, amount bigint, code int, primary key (run_id, seq))`,
    [],
  );
  const rows: unknown[][] = [];
  let seq = 0;
  for (const group of list) {
    for (const entry of group) {
      seq++;
      if (entry.type === 'transfer') {
        const t = entry.transfer;
        rows.push(['raw', seq, t.id, t.debitAccountId, t.creditAccountId, t.amount.toString(), t.code]);
      } else if (entry.type === 'record') {
        rows.push(['raw', seq, entry.recordId, entry.kind, JSON.stringify(entry.payload), '0', 0]);
      }
    }
  }
  const start = performance.now();
  for (let offset = 0; offset < rows.length; offset += rowsPerTransaction) {
    const slice = rows.slice(offset, offset + rowsPerTransaction);
    const values = slice.map(
      (_, r) => `(${Array.from({ length: 7 }, (_, c) => `$${r * 7 + c + 1}`).join(',')})`,
    );
    await run(`insert into bench_rows values ${values.join(',')}`, slice.flat());
  }
  return rows.length / ((performance.now() - start) / 1000);
}

async function pgliteResults(list: JournalEntry[][]): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'patchdesk-bench-journal-'));
  const pglite = await PGlite.create({
    dataDir: join(dir, 'pglite'),
    parsers: { 20: (v: string) => BigInt(v) },
  });
  try {
    const store = await openStore({ pglite });
    try {
      const writer = await writerRate(store, 'bench', list);
      const raw = await rawRate(async (text, params) => {
        await pglite.transaction(async (tx) => {
          await tx.query(text, params);
        });
      }, list);
      return result('journal entries/s to PGlite (disk)', writer, raw);
    } finally {
      await store.close();
    }
  } finally {
    await pglite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresResults(databaseUrl: string, list: JournalEntry[][]): Promise<BenchResult> {
  const schema = `bench_journal_${process.pid}`;
  const store = await openStore({ databaseUrl, schema });
  const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const writer = await writerRate(store, 'bench', list);
    const raw = await rawRate(async (text, params) => {
      await client.query('begin');
      await client.query(text, params);
      await client.query('commit');
    }, list);
    return result('journal entries/s to PostgreSQL', writer, raw);
  } finally {
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
    await store.close();
  }
}

function result(name: string, value: number, baseline: number): BenchResult {
  return {
    name,
    value,
    unit: 'entries/s',
    baselineName: 'raw multi-row INSERT',
    baselineValue: baseline,
    ratio: value / baseline,
    goal: '>= 0.5x of raw inserts (the writer adds ordering, groups, idempotency)',
    notes: `${groupCount} groups of 1 record + ${transfersPerGroup} transfers`,
  };
}

const bench: Bench = {
  name: 'journal',
  async run(): Promise<BenchResult[]> {
    const list = groups();
    const results = [await pgliteResults(list)];
    if (process.env.DATABASE_URL) results.push(await postgresResults(process.env.DATABASE_URL, list));
    else process.stderr.write('journal bench: DATABASE_URL is not set, PostgreSQL skipped\n');
    return results;
  },
};

export default bench;
