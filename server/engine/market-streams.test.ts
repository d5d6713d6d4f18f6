import { describe, expect, it } from 'vitest';
import { runStreamsMax, runStreamsSchema, streamLabel } from './market-streams';
import { runConfigSchema } from './run-manager';

const messages = (value: unknown): string[] => {
  const parsed = runStreamsSchema.safeParse(value);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('run config streams', () => {
  it('accepts known venues with ccxt unified symbols, in order', () => {
    const streams = [
      { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' },
      { venue: 'hyperliquid', symbol: 'BTC/USDC:USDC' },
      { venue: 'binance', symbol: 'ETH/USDT' },
    ];
    expect(runStreamsSchema.parse(streams)).toEqual(streams);
    expect(runConfigSchema.parse({ mode: 'paper', streams }).streams).toEqual(streams);
    expect(streamLabel(streams[0])).toBe('binanceusdm · BTC/USDT:USDT');
  });

  it('refuses an unknown venue, a symbol not in unified form, a pair listed twice, extra fields', () => {
    expect(messages([{ venue: 'mtgox', symbol: 'BTC/USD' }])[0]).toMatch(
      /^0\.venue: unknown venue; known venues are binance, /,
    );
    expect(messages([{ venue: 'okx', symbol: 'BTCUSDT' }])).toEqual([
      '0.symbol: not a ccxt unified symbol such as "BTC/USDT:USDT"',
    ]);
    const okx = { venue: 'okx', symbol: 'BTC/USDT:USDT' };
    expect(messages([okx, { venue: 'bybit', symbol: okx.symbol }, okx])).toEqual([
      '2: "okx · BTC/USDT:USDT" is listed twice',
    ]);
    expect(messages([{ ...okx, path: '/etc' }])[0]).toMatch(/path/);
  });

  it(`holds at most ${runStreamsMax} streams`, () => {
    const many = Array.from({ length: runStreamsMax + 1 }, (_, i) => ({
      venue: 'okx',
      symbol: `C${i}/USDT:USDT`,
    }));
    expect(messages(many.slice(0, runStreamsMax))).toEqual([]);
    expect(messages(many)).toHaveLength(1);
  });
});
