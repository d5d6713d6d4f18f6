// The sim venue's internal records: a working order and one market's book, triggers and
// position. Shared by the venue (commands) and the bar matcher; not part of the public API.
import type { Position } from './account';
import { Ladder, type LadderItem } from './ladder';
import { MarketGrid, type MarketSpec } from './market-spec';
import type { Liquidity, MarginMode, OrderType, TimeInForce, TriggerPriceType } from './types';

/** Where a live order is: waiting for its trigger, resting in the book, or queued for the next open. */
export type OrderStage = 'trigger' | 'book' | 'arrival' | 'done';

export interface WorkingOrder extends LadderItem {
  readonly id: string;
  readonly clientOrderId: string;
  readonly market: MarketState;
  readonly buy: boolean;
  /** Becomes 'market' or 'limit' when a stop or take-profit triggers. */
  type: OrderType;
  readonly originalType: OrderType;
  readonly timeInForce: TimeInForce;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
  lots: number;
  filledLots: number;
  limitTicks: number;
  triggerTicks: number;
  readonly triggerPriceType: TriggerPriceType | null;
  /** Taker when the order was marketable when it arrived (at acceptance, or at its trigger). */
  liquidity: Liquidity;
  stage: OrderStage;
  /** Initial margin held for the order's opening part (quote currency), released as it fills. */
  marginReserve: number;
}

export class MarketState {
  readonly grid: MarketGrid;
  readonly bids = new Ladder(true);
  readonly asks = new Ladder(false);
  readonly lastRising = new Ladder(false);
  readonly lastFalling = new Ladder(true);
  readonly markRising = new Ladder(false);
  readonly markFalling = new Ladder(true);
  /** Market, IOC and FOK orders waiting for the next bar's open, in arrival order. */
  arrivals: WorkingOrder[] = [];
  /** Last traded price in ticks (NaN before the first bar). */
  lastTicks = Number.NaN;
  /** Once a mark point has been given, bars without their own mark no longer move the mark. */
  markFromSeries = false;
  lastBarTimeMs = Number.NEGATIVE_INFINITY;
  /** Inside a bar: the price the path has reached, and the lots the bar still lets us fill. */
  inBar = false;
  cursorTicks = Number.NaN;
  budgetLots = 0;
  reservedBuy = 0;
  reservedSell = 0;
  openOrders = 0;
  readonly position: Position;

  constructor(
    readonly spec: MarketSpec,
    leverage: number,
    marginMode: MarginMode,
  ) {
    this.grid = new MarketGrid(spec);
    this.position = {
      symbol: spec.symbol,
      grid: this.grid,
      tiers: spec.tiers,
      marginMode,
      leverage,
      lots: 0,
      entryPrice: 0,
      isolatedMarginMinor: 0n,
      markPrice: Number.NaN,
    };
  }

  triggerLadder(order: WorkingOrder, rising: boolean): Ladder {
    if (order.triggerPriceType === 'mark') return rising ? this.markRising : this.markFalling;
    return rising ? this.lastRising : this.lastFalling;
  }

  /** The price new orders are judged against: last traded, else the mark; in ticks, NaN if none. */
  referenceTicks(): number {
    if (!Number.isNaN(this.lastTicks)) return this.lastTicks;
    const mark = this.position.markPrice;
    return Number.isNaN(mark) ? Number.NaN : this.grid.ticks(mark, 'nearest');
  }

  markTicks(): number {
    const mark = this.position.markPrice;
    return Number.isNaN(mark) ? Number.NaN : this.grid.ticks(mark, 'nearest');
  }
}
