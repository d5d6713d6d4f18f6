// Migration 0005-market-tickers-open-interest: the recorder's tables for tickers and open
// interest (before this they were live-only). Same rules as 0002-market-data: integer UTC
// milliseconds, float8 prices and sizes, and a primary key holding the time column, so a
// redelivered event is a no-op (`on conflict do nothing`) and TimescaleDB can make them
// hypertables (../market/recorder-timescale.ts). One row per stream and millisecond: a venue
// that sends two tickers in the same millisecond keeps the first one written.
import type { Kysely, Migration } from 'kysely';

export const marketTickersOpenInterest: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('market_tickers')
      .addColumn('venue', 'text', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('time_ms', 'bigint', (c) => c.notNull())
      .addColumn('last', 'float8', (c) => c.notNull())
      .addColumn('bid', 'float8')
      .addColumn('ask', 'float8')
      /** Fraction (0.012 = +1.2%). */
      .addColumn('change_24h', 'float8')
      .addColumn('base_volume_24h', 'float8')
      .addColumn('quote_volume_24h', 'float8')
      .addColumn('received_at_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('market_tickers_pk', ['venue', 'symbol', 'time_ms'])
      .execute();
    await db.schema
      .createTable('market_open_interest')
      .addColumn('venue', 'text', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('time_ms', 'bigint', (c) => c.notNull())
      /** Contracts (base units for linear perpetuals). */
      .addColumn('amount', 'float8', (c) => c.notNull())
      /** In the quote currency, when the venue says. */
      .addColumn('value', 'float8')
      .addColumn('received_at_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('market_open_interest_pk', ['venue', 'symbol', 'time_ms'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('market_open_interest').execute();
    await db.schema.dropTable('market_tickers').execute();
  },
};
