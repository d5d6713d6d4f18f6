// TimescaleDB for the market tables, decided once when the recorder starts. All the Timescale
// SQL is in this file. With the extension installed (or installable by our role) on PostgreSQL:
// the time-keyed tables become hypertables (int8 millisecond time, 1-day chunks), 1m trade bars
// are kept by a continuous aggregate over market_trades, and chunks older than 7 days are
// compressed (segmented by venue and symbol). Anywhere else (PGlite, PostgreSQL without the
// extension, a role that may not create it) the plain tables of 0002-market-data serve as they
// are (with 0005-market-tickers-open-interest). Every statement is idempotent, so a second start changes nothing.
import { sql, type Kysely } from 'kysely';
import type { StoreSchema } from '../store/schema';

export type TimescaleMode = { timescale: true; version: string } | { timescale: false; reason: string };

/** Runs one SQL text; rows back as plain objects. Kysely's executor in production. */
export type SqlRunner = (text: string) => Promise<Record<string, unknown>[]>;

export function kyselyRunner(db: Kysely<StoreSchema>): SqlRunner {
  return async (text) => (await sql.raw(text).execute(db)).rows as Record<string, unknown>[];
}

const dayMs = 86_400_000;
const hypertables: readonly { table: string; time: string; segmentBy: string }[] = [
  { table: 'market_trades', time: 'time_ms', segmentBy: 'venue, symbol' },
  { table: 'market_bars', time: 'open_time_ms', segmentBy: 'venue, symbol, price_type, timeframe' },
  { table: 'market_funding', time: 'time_ms', segmentBy: 'venue, symbol' },
  { table: 'market_marks', time: 'time_ms', segmentBy: 'venue, symbol' },
  { table: 'market_book_tops', time: 'time_ms', segmentBy: 'venue, symbol' },
  { table: 'market_tickers', time: 'time_ms', segmentBy: 'venue, symbol' },
  { table: 'market_open_interest', time: 'time_ms', segmentBy: 'venue, symbol' },
];

/** The statements that set Timescale up, in order (exported so the test can check them). */
export function timescaleStatements(): string[] {
  const statements = [
    // Integer time needs a "now" in the same unit for policies and continuous aggregates.
    `create or replace function market_now_ms() returns bigint language sql stable as
       $$ select (extract(epoch from now()) * 1000)::bigint $$`,
  ];
  for (const { table, time, segmentBy } of hypertables) {
    statements.push(
      `select create_hypertable('${table}', '${time}', chunk_time_interval => ${dayMs}::bigint, if_not_exists => true, migrate_data => true)`,
      `select set_integer_now_func('${table}', 'market_now_ms', replace_if_exists => true)`,
      `alter table ${table} set (timescaledb.compress, timescaledb.compress_segmentby = '${segmentBy}')`,
      `select add_compression_policy('${table}', compress_after => ${7 * dayMs}::bigint, if_not_exists => true)`,
    );
  }
  statements.push(
    `create materialized view if not exists market_trade_bars_1m
       with (timescaledb.continuous) as
       select venue, symbol, time_bucket(60000::bigint, time_ms) as open_time_ms,
              first(price, time_ms) as open, max(price) as high, min(price) as low,
              last(price, time_ms) as close, sum(amount) as volume
         from market_trades group by venue, symbol, time_bucket(60000::bigint, time_ms)
       with no data`,
    `select add_continuous_aggregate_policy('market_trade_bars_1m',
       start_offset => ${dayMs}::bigint, end_offset => 60000::bigint,
       schedule_interval => interval '1 minute', if_not_exists => true)`,
  );
  return statements;
}

/**
 * Detects TimescaleDB and, when present, sets the market tables up for it. PGlite never has it.
 * On PostgreSQL: installed -> use; available but not installed -> try `create extension` (a
 * role without the right falls back to plain tables, with the reason); absent -> plain.
 */
export async function prepareTimescale(kind: 'pglite' | 'postgres', run: SqlRunner): Promise<TimescaleMode> {
  if (kind === 'pglite') return { timescale: false, reason: 'PGlite has no TimescaleDB' };
  let version = await installedVersion(run);
  if (version === null) {
    const available = await run(`select 1 from pg_available_extensions where name = 'timescaledb'`);
    if (available.length === 0) {
      return { timescale: false, reason: 'the timescaledb extension is not available on this server' };
    }
    try {
      await run('create extension if not exists timescaledb');
    } catch (error) {
      return { timescale: false, reason: `create extension timescaledb failed: ${firstLine(error)}` };
    }
    version = await installedVersion(run);
    if (version === null) return { timescale: false, reason: 'timescaledb did not load' };
  }
  for (const statement of timescaleStatements()) await run(statement);
  return { timescale: true, version };
}

async function installedVersion(run: SqlRunner): Promise<string | null> {
  const rows = await run(`select extversion from pg_extension where extname = 'timescaledb'`);
  return rows.length > 0 ? String(rows[0].extversion) : null;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
