// Migration 0002-market-data: the tables the recorder, `patchdesk import` and `patchdesk fetch`
// write and backtests read. Plain PostgreSQL tables (so they run on PGlite too); when the
// TimescaleDB extension is present, `../market/recorder-timescale.ts` turns them into
// hypertables at recorder start. Times are integer UTC milliseconds; prices and sizes float8
// (market data is measured, not money: the ledger keeps money in minor units). Every primary
// key holds the time column (TimescaleDB requires it of a hypertable's unique indexes) and makes
// a second write of the same row a no-op (`on conflict do nothing`), so redelivery is harmless.
import { sql, type Kysely, type Migration } from 'kysely';

export const marketDataMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('market_trades')
      .addColumn('venue', 'text', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('time_ms', 'bigint', (c) => c.notNull())
      .addColumn('trade_id', 'text', (c) => c.notNull())
      .addColumn('price', 'float8', (c) => c.notNull())
      .addColumn('amount', 'float8', (c) => c.notNull())
      /** 1: the buyer was the aggressor, -1: the seller. */
      .addColumn('side', 'int2', (c) => c.notNull().check(sql`side in (-1, 1)`))
      .addColumn('received_at_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('market_trades_pk', ['venue', 'symbol', 'time_ms', 'trade_id'])
      .execute();
    await db.schema
      .createTable('market_bars')
      .addColumn('venue', 'text', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.notNull())
      /** 'last' (trade prices) or 'mark' (the venue's mark-price klines). */
      .addColumn('price_type', 'text', (c) => c.notNull().check(sql`price_type in ('last', 'mark')`))
      .addColumn('timeframe', 'text', (c) => c.notNull())
      .addColumn('open_time_ms', 'bigint', (c) => c.notNull())
      .addColumn('open', 'float8', (c) => c.notNull())
      .addColumn('high', 'float8', (c) => c.notNull())
      .addColumn('low', 'float8', (c) => c.notNull())
      .addColumn('close', 'float8', (c) => c.notNull())
      .addColumn('volume', 'float8', (c) => c.notNull())
      .addPrimaryKeyConstraint('market_bars_pk', [
        'venue',
        'symbol',
        'price_type',
        'timeframe',
        'open_time_ms',
      ])
      .execute();
    await db.schema
      .createTable('market_funding')
      .addColumn('venue', 'text', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('time_ms', 'bigint', (c) => c.notNull())
      .addColumn('rate', 'float8', (c) => c.notNull())
      .addColumn('next_funding_time_ms', 'bigint')
      .addPrimaryKeyConstraint('market_funding_pk', ['venue', 'symbol', 'time_ms'])
      .execute();
    await db.schema
      .createTable('market_marks')
      .addColumn('venue', 'text', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('time_ms', 'bigint', (c) => c.notNull())
      .addColumn('mark_price', 'float8', (c) => c.notNull())
      .addColumn('index_price', 'float8')
      .addPrimaryKeyConstraint('market_marks_pk', ['venue', 'symbol', 'time_ms'])
      .execute();
    await db.schema
      .createTable('market_book_tops')
      .addColumn('venue', 'text', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('time_ms', 'bigint', (c) => c.notNull())
      .addColumn('sequence', 'bigint', (c) => c.notNull())
      .addColumn('bid', 'float8')
      .addColumn('bid_size', 'float8')
      .addColumn('ask', 'float8')
      .addColumn('ask_size', 'float8')
      .addPrimaryKeyConstraint('market_book_tops_pk', ['venue', 'symbol', 'time_ms', 'sequence'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'market_book_tops',
      'market_marks',
      'market_funding',
      'market_bars',
      'market_trades',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
