// Replays recorded Binance USD-M XRP/USDT data (hourly bars, 8-hour mark candles and funding
// rates; fixtures/README.md) through the venue and checks every funding payment against the
// hand product quantity * mark * rate, written out below from the files' own numbers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCcxtLeverageTiers } from './leverage-tiers';
import { SimVenue } from './sim-venue';
import { ofKind } from './testing';
import type { VenueEvent } from './types';

const symbol = 'XRP/USDT:USDT';
const minuteMs = 60_000;

function csv(name: string): string[][] {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}

type Input =
  | { atMs: number; rank: number; kind: 'bar'; row: string[] }
  | { atMs: number; rank: number; kind: 'mark'; price: number }
  | { atMs: number; rank: number; kind: 'funding'; rate: number };

/** Time order; at equal times marks and funding before the bar opening then (README: Time). */
function inputs(): Input[] {
  const all: Input[] = [
    ...csv('xrp-usdt-perp-1h-2021-11-20.csv').map((row) => ({
      atMs: Date.parse(row[0]),
      rank: 2,
      kind: 'bar' as const,
      row,
    })),
    ...csv('xrp-usdt-mark-8h-2021-11-20.csv').map((row) => ({
      atMs: Date.parse(row[0]),
      rank: 0,
      kind: 'mark' as const,
      price: Number(row[1]),
    })),
    // Binance stamps funding a few ms past the hour (00:00:00.012); it belongs to the hour.
    ...csv('xrp-usdt-funding-8h-2021-11-20.csv').map((row) => ({
      atMs: Math.floor(Date.parse(row[0]) / minuteMs) * minuteMs,
      rank: 1,
      kind: 'funding' as const,
      rate: Number(row[1]),
    })),
  ];
  return all.sort((a, b) => a.atMs - b.atMs || a.rank - b.rank);
}

describe('recorded XRP/USDT data', () => {
  it('a 1,000 XRP short receives funding = 1000 * mark * rate at each 8-hour mark', () => {
    const tiers = parseCcxtLeverageTiers(
      JSON.parse(
        readFileSync(new URL('./fixtures/binance-leverage-tiers.slice.json', import.meta.url), 'utf8'),
      ),
    ).get(symbol)!;
    const venue = new SimVenue({
      markets: [
        {
          symbol,
          tickSize: 0.00001,
          lotSize: 0.1,
          minQuantity: 0.1,
          minNotional: 5,
          makerFeeRate: 0.0002,
          takerFeeRate: 0.0005,
          tiers,
        },
      ],
      initialWalletMinor: 1_000n * 100_000_000n,
    });
    const events: VenueEvent[] = [];
    let submitted = false;
    for (const input of inputs()) {
      if (input.kind === 'mark') venue.onMark(symbol, input.atMs, input.price, events);
      else if (input.kind === 'funding') venue.onFunding(symbol, input.atMs, input.rate, events);
      else {
        const [time, open, high, low, close, volume] = input.row;
        venue.onBar(
          {
            symbol,
            timeMs: Date.parse(time),
            open: +open,
            high: +high,
            low: +low,
            close: +close,
            volume: +volume,
          },
          events,
        );
        if (!submitted) {
          // Decided on the 22:00 bar: fills at the 23:00 bar's open, 1.08463.
          venue.submit(
            { clientOrderId: 'short', symbol, side: 'sell', type: 'market', quantity: 1000 },
            events,
          );
          submitted = true;
        }
      }
    }
    const [fill] = ofKind(events, 'orderFilled');
    expect(fill).toMatchObject({ price: 1.08463, quantity: 1000, positionQuantity: -1000 });
    expect(fill.feeMinor).toBe(54_231_500n); // 1000 * 1.08463 * 0.05% = 0.542315
    const funding = ofKind(events, 'fundingPaid');
    expect(
      funding.map((f) => [new Date(f.timeMs).toISOString(), f.markPrice, f.rate, f.amountMinor]),
    ).toEqual([
      ['2021-11-20T00:00:00.000Z', 1.0903, 0.00013046, 14_224_054n], // 1000 * 1.0903 * 0.00013046 = 0.142240538
      ['2021-11-20T08:00:00.000Z', 1.0857, 0.0001, 10_857_000n], // 0.10857
      ['2021-11-20T16:00:00.000Z', 1.0656, 0.0001, 10_656_000n], // 0.10656
      ['2021-11-21T00:00:00.000Z', 1.0975, 0.00013862, 15_213_545n], // 0.15213545
    ]);
    expect(venue.snapshot().walletMinor).toBe(
      1_000n * 100_000_000n - 54_231_500n + 14_224_054n + 10_857_000n + 10_656_000n + 15_213_545n,
    );
  });
});
