// `patchdesk fetch` against the fake Binance USD-M venue, ccxt's REST URLs pointed at it with
// --base-url: candles, mark candles and funding paginated into the embedded store, an outage
// half-way that a second run resumes from without duplicates, and the usage errors.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readStoredBars } from '../../market/stored-bars';
import { openStore } from '../../store/open-store';
import { FakeVenue } from '../../venues/fake/fake-venue';
import { FakeHistory, fakeCandle, fakeFundingRate } from '../../venues/fake/history';
import { BinanceUsdmProtocol } from '../../venues/fake/protocols/binanceusdm';
import { main } from '../main';
import { hasStackTrace, tempDir, type CliResult } from '../testing';

async function inProcess(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const savedUrl = process.env.DATABASE_URL;
beforeEach(() => {
  delete process.env.DATABASE_URL; // the embedded store: PostgreSQL's public schema is left alone
});
afterEach(() => {
  if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
});

const startMs = Date.parse('2024-01-01T00:00:00Z');
const hourMs = 3_600_000;
const barCount = 2_500; // 2,500 hourly bars: three pages of 1,000
const endMs = startMs + barCount * hourMs;

describe('patchdesk fetch (fake binanceusdm)', () => {
  let fake: FakeVenue;
  let protocol: BinanceUsdmProtocol;
  beforeAll(async () => {
    protocol = new BinanceUsdmProtocol();
    fake = await FakeVenue.start(protocol);
  });
  afterAll(async () => {
    await fake?.close();
  });

  const args = (data: string) => [
    'fetch',
    'binanceusdm',
    'BTC/USDT:USDT',
    '1h',
    '--since',
    '2024-01-01',
    '--until',
    new Date(endMs).toISOString(),
    '--base-url',
    fake.restUrl,
    '--data',
    data,
  ];

  it('backfills in pages; an outage half-way stops with where; the next run resumes without duplicates', async () => {
    const history = new FakeHistory({ startMs, endMs, timeframeMs: hourMs });
    protocol.history = history;
    history.failAfterRequests = 2; // two kline pages, then the venue fails
    const data = join(tempDir(), 'data');
    const first = await inProcess(args(data));
    expect(first.code).toBe(1);
    expect(first.stderr).toBe(
      'patchdesk: fetch binanceusdm BTC/USDT:USDT ohlcv stopped at 2024-03-24T08:00:00.000Z after 2000 rows: ' +
        'OperationFailed: binanceusdm {"code":-1000,"msg":"fake outage"}; ' +
        'run the same command again to resume\n',
    );
    expect(hasStackTrace(first.stderr)).toBe(false);

    history.failAfterRequests = Number.POSITIVE_INFINITY;
    history.klineStarts.length = 0;
    const second = await inProcess([...args(data), '--json']);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const summary = JSON.parse(second.stdout) as { series: unknown[] };
    const resumeMs = startMs + 2_000 * hourMs;
    // The last bar opens an hour before --until: closed, so kept.
    expect(summary.series).toEqual([
      { series: 'ohlcv', fromMs: resumeMs, rows: 500, pages: 1 },
      { series: 'mark', fromMs: startMs, rows: barCount, pages: 3 },
      // Funding has no end time to stop at: a second, empty page says there is no more.
      { series: 'funding', fromMs: startMs, rows: Math.ceil(barCount / 8), pages: 2 },
    ]);
    expect(history.klineStarts[0]).toBe(resumeMs); // asked only for what was missing

    const store = await openStore({ dataDir: data });
    try {
      const bars = await readStoredBars(store, 'binanceusdm', 'BTC/USDT:USDT', '1h', 0, 1e15);
      expect(bars.length).toBe(barCount);
      for (const i of [0, 999, 1_000, 1_999, 2_000, barCount - 1]) {
        const [o, h, l, c, v] = fakeCandle(i);
        expect([
          bars.timeMs[i],
          bars.open[i],
          bars.high[i],
          bars.low[i],
          bars.close[i],
          bars.volume[i],
        ]).toEqual([startMs + i * hourMs, o, h, l, c, v]);
      }
      const mark = await readStoredBars(store, 'binanceusdm', 'BTC/USDT:USDT', '1h', 0, 1e15, 'mark');
      expect(mark.length).toBe(barCount);
      expect(mark.close[7]).toBe(fakeCandle(7)[3] + 0.125);
      const funding = await store.db
        .selectFrom('market_funding')
        .select(['time_ms', 'rate'])
        .orderBy('time_ms')
        .execute();
      expect(funding.length).toBe(Math.ceil(barCount / 8));
      expect(funding[1]).toEqual({ time_ms: BigInt(startMs + 8 * hourMs), rate: fakeFundingRate(1) });
    } finally {
      await store.close();
    }

    // A third run has nothing to fetch.
    const third = await inProcess([...args(data), '--json']);
    expect((JSON.parse(third.stdout) as { series: { rows: number }[] }).series.map((s) => s.rows)).toEqual([
      0, 0, 0,
    ]);
  }, 180_000);

  it('refuses an unknown market, venue, timeframe and date as usage errors', async () => {
    protocol.history = null;
    const data = join(tempDir(), 'data');
    const market = await inProcess([
      'fetch',
      'binanceusdm',
      'DOGE/USDT:USDT',
      '1h',
      '--since',
      '2024-01-01',
      '--base-url',
      fake.restUrl,
      '--data',
      data,
    ]);
    expect(market.code).toBe(2);
    expect(market.stderr).toMatch(
      /^patchdesk: binanceusdm has no market "DOGE\/USDT:USDT" \(for example: .*BTC\/USDT:USDT.*\)\n$/,
    );
    expect(await inProcess(['fetch', 'nowhere', 'BTC/USDT', '1h', '--since', '2024-01-01'])).toMatchObject({
      code: 2,
      stderr: 'patchdesk: unknown venue "nowhere" (see server/venues/README.md)\n',
    });
    expect(
      await inProcess(['fetch', 'binanceusdm', 'BTC/USDT:USDT', '1h', '--since', 'yesterday']),
    ).toMatchObject({
      code: 2,
      stderr: 'patchdesk: --since "yesterday" is not an ISO-8601 UTC date\n',
    });
    expect(
      await inProcess(['fetch', 'binanceusdm', 'BTC/USDT:USDT', 'hourly', '--since', '2024-01-01']),
    ).toMatchObject({
      code: 2,
      stderr: 'patchdesk: timeframe "hourly" is not a timeframe such as 1m, 1h or 1d\n',
    });
  }, 60_000);
});
