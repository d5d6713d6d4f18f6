import { describe, expect, it } from 'vitest';
import { parseFundingCsv, parseMarkCsv, SeriesCsvError } from './series-csv';

const symbol = 'BTC/USDT:USDT';

describe('funding and mark CSV', () => {
  it("reads Binance's funding history columns and floors the time to the second", () => {
    const text =
      'symbol,calc_time,funding_interval_hours,last_funding_rate\nBTCUSDT,1640995200005,8,0.00010000\nBTCUSDT,1641024000012,8,-0.00002\n';
    expect(parseFundingCsv(text, 'funding.csv', symbol)).toEqual([
      { timeMs: 1_640_995_200_000, rate: 0.0001 },
      { timeMs: 1_641_024_000_000, rate: -0.00002 },
    ]);
  });

  it('reads ISO times and marks', () => {
    expect(parseMarkCsv('time,price\n2022-01-01T00:00:00Z,46200.5\n', 'mark.csv', symbol)).toEqual([
      { timeMs: Date.UTC(2022, 0, 1), price: 46_200.5 },
    ]);
  });

  it.each([
    ['time,value\n1,2\n', /line 1: the header needs a time column/],
    ['time,rate\n1000,0.0001\nxyz,0.0001\n', /funding.csv: line 3: time 'xyz' is not a date/],
    ['time,rate\n1000,0.0001\n1000,0.0001\n', /line 3: time .* is a duplicate/],
    ['time,rate\n2000,0.0001\n1000,0.0001\n', /line 3: time .* is before the row above/],
    ['time,rate\n1000,abc\n', /line 2: rate 'abc' is not a number/],
    ['time,rate\n1000,5\n', /line 2: rate 5 is not a fraction/],
    ['symbol,time,rate\nETHUSDT,1000,0.0001\n', /line 2: symbol 'ETHUSDT' is not the backtest's symbol/],
    ['time,rate\n', /no rows/],
  ])('refuses %j', (text, message) => {
    expect(() => parseFundingCsv(text, 'funding.csv', symbol)).toThrow(SeriesCsvError);
    expect(() => parseFundingCsv(text, 'funding.csv', symbol)).toThrow(message);
  });
});
