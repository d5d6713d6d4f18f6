// Round-trip trades from the fill stream: a trade opens when the position leaves zero and closes
// when it returns to zero (a fill that flips the position closes one trade and opens the next
// with the rest). Each trade carries its price PnL, fees, funding, duration and the excursions
// the position went through while open (MAE/MFE). Conventions: server/backtest/README.md.
import type { OrderSide } from '@patchdesk/modules/sdk/ports';

export interface RoundTripTrade {
  side: 'long' | 'short';
  entryTimeMs: number;
  exitTimeMs: number;
  /** Quantity-weighted average of the fills that opened or grew the position. */
  entryPrice: number;
  /** Quantity-weighted average of the fills that reduced it. */
  exitPrice: number;
  /** The largest absolute size the position reached. */
  quantity: number;
  /** Price PnL of the reducing fills: sum of q x (exit - average entry), sign by side. */
  grossPnl: number;
  /** Fees of every fill of the trade (the opening share of a flipping fill included). */
  fees: number;
  /** Funding received minus paid while the trade was open. */
  funding: number;
  /** grossPnl - fees + funding. */
  pnl: number;
  durationMs: number;
  /** Worst unrealised PnL while open (<= 0), quote currency. */
  mae: number;
  /** Best unrealised PnL while open (>= 0), quote currency. */
  mfe: number;
  liquidated: boolean;
}

interface OpenTrade {
  side: 1 | -1;
  entryTimeMs: number;
  size: number;
  entryPrice: number;
  entryQuantity: number;
  exitNotional: number;
  exitQuantity: number;
  maxSize: number;
  grossPnl: number;
  fees: number;
  funding: number;
  mae: number;
  mfe: number;
}

/** Sizes below this are zero: fills are on the lot grid, and float sums drift below a lot. */
const flatEpsilon = 1e-12;

export class RoundTrips {
  readonly #kept: RoundTripTrade[] = [];
  #open: OpenTrade | null = null;
  /** Trades closed in all (more than `kept` when the cap was reached). */
  count = 0;

  constructor(
    /** Trades kept for the result; the metrics still see every trade through onClosed. */
    private readonly keptMax: number,
    private readonly onClosed: (trade: RoundTripTrade) => void = () => {},
  ) {}

  get open(): boolean {
    return this.#open !== null;
  }

  trades(): RoundTripTrade[] {
    return this.#kept;
  }

  fill(
    timeMs: number,
    side: OrderSide,
    price: number,
    quantity: number,
    fee: number,
    liquidation: boolean,
  ): void {
    const signed = side === 'buy' ? quantity : -quantity;
    let open = this.#open;
    if (open === null) {
      this.#open = open = this.#start(timeMs, signed > 0 ? 1 : -1);
    }
    const sameWay = Math.sign(signed) === open.side;
    if (sameWay) {
      const size = Math.abs(open.size) + quantity;
      open.entryPrice = (open.entryPrice * Math.abs(open.size) + price * quantity) / size;
      open.entryQuantity += quantity;
      open.size += signed;
      open.maxSize = Math.max(open.maxSize, size);
      open.fees += fee;
      return;
    }
    const closing = Math.min(quantity, Math.abs(open.size));
    const rest = quantity - closing;
    const closingFee = rest > flatEpsilon ? (fee * closing) / quantity : fee;
    open.grossPnl += open.side * closing * (price - open.entryPrice);
    open.exitNotional += price * closing;
    open.exitQuantity += closing;
    open.fees += closingFee;
    open.size += open.side === 1 ? -closing : closing;
    if (Math.abs(open.size) > flatEpsilon) return;
    this.#close(timeMs, liquidation);
    if (rest > flatEpsilon) {
      // The same fill opens a trade the other way with the rest (and the rest of the fee).
      const next = this.#start(timeMs, signed > 0 ? 1 : -1);
      next.entryPrice = price;
      next.entryQuantity = rest;
      next.size = signed > 0 ? rest : -rest;
      next.maxSize = rest;
      next.fees = fee - closingFee;
      this.#open = next;
    }
  }

  /** A funding payment (+ received) while a trade is open. */
  funding(amount: number): void {
    if (this.#open) this.#open.funding += amount;
  }

  /** A bar that ended with the trade open: its high and low are excursions the position went through. */
  bar(high: number, low: number): void {
    const open = this.#open;
    if (!open) return;
    const size = Math.abs(open.size);
    const best = open.side === 1 ? high : low;
    const worst = open.side === 1 ? low : high;
    open.mfe = Math.max(open.mfe, open.side * size * (best - open.entryPrice));
    open.mae = Math.min(open.mae, open.side * size * (worst - open.entryPrice));
  }

  #start(timeMs: number, side: 1 | -1): OpenTrade {
    return {
      side,
      entryTimeMs: timeMs,
      size: 0,
      entryPrice: 0,
      entryQuantity: 0,
      exitNotional: 0,
      exitQuantity: 0,
      maxSize: 0,
      grossPnl: 0,
      fees: 0,
      funding: 0,
      mae: 0,
      mfe: 0,
    };
  }

  #close(timeMs: number, liquidated: boolean): void {
    const open = this.#open as OpenTrade;
    this.#open = null;
    const exitPrice = open.exitNotional / open.exitQuantity;
    // The exit price is a point the position went through too.
    const atExit = open.grossPnl;
    const trade: RoundTripTrade = {
      side: open.side === 1 ? 'long' : 'short',
      entryTimeMs: open.entryTimeMs,
      exitTimeMs: timeMs,
      entryPrice: open.entryPrice,
      exitPrice,
      quantity: open.maxSize,
      grossPnl: open.grossPnl,
      fees: open.fees,
      funding: open.funding,
      pnl: open.grossPnl - open.fees + open.funding,
      durationMs: timeMs - open.entryTimeMs,
      mae: Math.min(open.mae, atExit),
      mfe: Math.max(open.mfe, atExit),
      liquidated,
    };
    this.count++;
    if (this.#kept.length < this.keptMax) this.#kept.push(trade);
    this.onClosed(trade);
  }
}
