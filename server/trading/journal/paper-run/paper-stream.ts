// A deterministic stream of trading events for a paper run under test: seeded random fills
// (some reduce-only), funding and the odd liquidation over a random price path. Event i is the
// same on every run with the same seed, so a resumed run continues exactly where the journal
// ends (skip(n) replays the generator, not the ledger).
import { seededRandom } from '@patchdesk/modules/sdk/seeded-random';
import type { TradingEvent } from '../../events';
import { toMinorUnits } from '../../ledger/money';

const symbols = ['BTC/USDT:USDT', 'ETH/USDT:USDT'] as const;
const startPrices = [60_000, 3_000];
const startMs = 1_750_000_000_000;

export const paperAccountId = 'paper-test';

export class PaperStream {
  #index = 0;
  readonly #seed: number;
  readonly #random: () => number;
  readonly #prices = [...startPrices];
  readonly #positions = [0n, 0n];

  constructor(seed: number) {
    this.#seed = seed;
    this.#random = seededRandom(seed);
  }

  get index(): number {
    return this.#index;
  }

  /** The id of event `index`, which encodes it (see indexOfEventId). */
  eventIdOf(index: number): string {
    return `paper-${this.#seed}-${index}`;
  }

  skip(count: number): void {
    for (let i = 0; i < count; i++) this.next();
  }

  next(): TradingEvent {
    const index = this.#index++;
    const base = { eventId: this.eventIdOf(index), accountId: paperAccountId, atMs: startMs + index * 10 };
    if (index === 0) return { ...base, kind: 'deposit', currency: 'USDT', amount: 1_000_000 };
    const s = this.#random() < 0.6 ? 0 : 1;
    const symbol = symbols[s];
    this.#prices[s] = Math.round(this.#prices[s] * (1 + (this.#random() - 0.5) * 0.004) * 10) / 10;
    const price = this.#prices[s];
    const position = this.#positions[s];
    const roll = this.#random();
    const lots = 1 + Math.floor(this.#random() * 50);
    if (roll < 0.08 && position !== 0n) {
      const rate = (this.#random() - 0.3) * 0.001;
      const notional = (Number(position) / 1e8) * price;
      return { ...base, kind: 'funding', symbol, amount: round8(-notional * rate), rate, markPrice: price };
    }
    if (roll < 0.1 && position !== 0n) {
      const quantity = Number(position < 0n ? -position : position) / 1e8;
      const worse = Math.round(price * (position > 0n ? 0.98 : 1.02) * 10) / 10;
      this.#positions[s] = 0n;
      const fee = round8(quantity * worse * 0.005);
      return {
        ...base,
        kind: 'liquidation',
        symbol,
        side: position > 0n ? 'sell' : 'buy',
        quantity,
        price: worse,
        fee,
      };
    }
    const reduceOnly = position !== 0n && roll < 0.35;
    const side: 'buy' | 'sell' = reduceOnly
      ? position > 0n
        ? 'sell'
        : 'buy'
      : this.#random() < 0.5
        ? 'buy'
        : 'sell';
    let quantity = lots / 1000;
    if (reduceOnly) quantity = Math.min(quantity, Number(position < 0n ? -position : position) / 1e8);
    const units = toMinorUnits(quantity);
    this.#positions[s] += side === 'buy' ? units : -units;
    const taker = this.#random() < 0.7;
    const fee = round8(quantity * price * (taker ? 0.0005 : -0.0001));
    return {
      ...base,
      kind: 'fill',
      orderId: `order-${index}`,
      symbol,
      side,
      quantity,
      price,
      fee,
      liquidity: taker ? 'taker' : 'maker',
      reduceOnly,
    };
  }
}

/** The stream index an event id of this stream encodes, or -1. */
export function indexOfEventId(eventId: string): number {
  const match = /^paper-\d+-(\d+)$/.exec(eventId);
  return match ? Number(match[1]) : -1;
}

function round8(value: number): number {
  return Number(value.toFixed(8));
}
