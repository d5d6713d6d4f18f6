// The mechanics under the sim venue's commands: filling, triggering, cancelling, walking a
// bar's path through the book, marks, funding and liquidation. Every event goes out through
// emit(), which stamps the next sequence number and the venue time. See README.md for the
// conventions a person needs to recompute a run by hand.
import type { MarginAccount } from './account';
import { depthWithin, walkBook, type BookDepth, type BookSnapshot } from './book-walk';
import { barBudgetLots, barPathInto, slippedTicks, type FillModel } from './fill-model';
import { fromMinorUnits } from './money';
import { triggersOnRise } from './order-request';
import type { MarketState } from './venue-state';
import { type WorkingOrder } from './venue-state';
import type { CancelReason, Liquidity, VenueBar, VenueEvent } from './types';

/** Read through a function so TypeScript does not narrow a stage that fill() may change. */
const isDone = (order: WorkingOrder): boolean => order.stage === 'done';

type Emitted = VenueEvent extends infer E
  ? E extends VenueEvent
    ? Omit<E, 'seq' | 'timeMs'>
    : never
  : never;

export interface EngineOptions {
  fillModel: FillModel;
  liquidationFeeRate: number;
}

export class VenueEngine {
  readonly orders = new Map<string, WorkingOrder>();
  /** The current bar's path in ticks and its mark path (runBar only; a bar never starts inside one). */
  readonly #barTicks = [0, 0, 0, 0];
  readonly #barMarks = [0, 0, 0, 0];
  readonly openByClientOrderId = new Map<string, WorkingOrder>();
  nowMs: number;
  private seq = 0;
  protected out: VenueEvent[] = [];

  constructor(
    readonly markets: Map<string, MarketState>,
    readonly account: MarginAccount,
    protected readonly options: EngineOptions,
    startTimeMs: number,
  ) {
    this.nowMs = startTimeMs;
  }

  /** Stamps the event in place (a spread copy cost a quarter of the submit path). */
  protected emit(event: Emitted): void {
    const stamped = event as VenueEvent;
    stamped.seq = ++this.seq;
    stamped.timeMs = this.nowMs;
    this.out.push(stamped);
  }

  protected advanceTo(timeMs: number, what: string): void {
    if (!Number.isInteger(timeMs))
      throw new Error(`sim venue: ${what} time ${timeMs} is not integer milliseconds`);
    if (timeMs < this.nowMs)
      throw new Error(`sim venue: ${what} at ${timeMs} is before venue time ${this.nowMs}`);
    this.nowMs = timeMs;
  }

  // ---- orders leaving the venue ----------------------------------------------------------

  /** Removes a live order from wherever it waits and from the indexes; releases its margin. */
  protected finish(order: WorkingOrder): void {
    const market = order.market;
    if (order.ladderLevel !== null) {
      if (order.stage === 'book') (order.buy ? market.bids : market.asks).remove(order);
      else market.triggerLadder(order, triggersOnRise(order.originalType, order.buy)).remove(order);
    }
    order.stage = 'done';
    this.releaseReserve(order, order.marginReserve);
    market.openOrders--;
    this.orders.delete(order.id);
    this.openByClientOrderId.delete(order.clientOrderId);
  }

  protected cancelOrder(order: WorkingOrder, reason: CancelReason): void {
    this.finish(order);
    this.emit({
      kind: 'orderCanceled',
      symbol: order.market.spec.symbol,
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      reason,
      filledQuantity: order.market.grid.quantity(order.filledLots),
      canceledQuantity: order.market.grid.quantity(order.lots - order.filledLots),
    });
  }

  /** Sets the margin an order holds to `amount` (on acceptance and modification). */
  protected holdReserve(order: WorkingOrder, amount: number): void {
    this.releaseReserve(order, order.marginReserve - amount);
  }

  private releaseReserve(order: WorkingOrder, amount: number): void {
    if (amount === 0) return;
    if (order.buy) order.market.reservedBuy -= amount;
    else order.market.reservedSell -= amount;
    order.marginReserve -= amount;
  }

  // ---- fills -----------------------------------------------------------------------------

  /**
   * Fills up to `lots` of the order at `priceTicks` (reduce-only clipped to the position, and
   * cancelled when there is nothing left to reduce). Spends the bar's budget. Returns lots filled.
   */
  protected fill(order: WorkingOrder, lots: number, priceTicks: number, liquidity: Liquidity): number {
    const market = order.market;
    const position = market.position;
    if (order.reduceOnly) {
      if (position.lots === 0 || position.lots > 0 === order.buy) {
        this.cancelOrder(order, 'REDUCE_ONLY_NO_POSITION');
        return 0;
      }
      lots = Math.min(lots, Math.abs(position.lots));
    }
    if (lots <= 0) return 0;
    const spec = market.spec;
    const price = market.grid.price(priceTicks);
    const feeRate = liquidity === 'maker' ? spec.makerFeeRate : spec.takerFeeRate;
    const booking = this.account.applyFill(position, order.buy, lots, price, feeRate);
    const remainingBefore = order.lots - order.filledLots;
    order.filledLots += lots;
    market.budgetLots -= lots;
    this.releaseReserve(order, (order.marginReserve * lots) / remainingBefore);
    const complete = order.filledLots === order.lots;
    if (booking.isolatedDeltaMinor !== 0n) {
      this.emit({
        kind: 'isolatedMarginChanged',
        symbol: spec.symbol,
        deltaMinor: booking.isolatedDeltaMinor,
        isolatedMarginMinor: position.isolatedMarginMinor,
      });
    }
    this.emit({
      kind: 'orderFilled',
      symbol: spec.symbol,
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      side: order.buy ? 'buy' : 'sell',
      price,
      quantity: market.grid.quantity(lots),
      liquidity,
      fee: booking.fee,
      feeMinor: booking.feeMinor,
      realisedPnl: booking.realisedPnl,
      realisedPnlMinor: booking.realisedPnlMinor,
      filledQuantity: market.grid.quantity(order.filledLots),
      remainingQuantity: market.grid.quantity(order.lots - order.filledLots),
      complete,
      positionQuantity: market.grid.quantity(position.lots),
      positionEntryPrice: position.entryPrice,
    });
    if (complete) this.finish(order);
    else if (order.reduceOnly && position.lots === 0) this.cancelOrder(order, 'REDUCE_ONLY_NO_POSITION');
    return lots;
  }

  /** A taker fill at the current path price plus slippage (capped at the limit, if any). */
  protected fillTaker(order: WorkingOrder, lots: number): number {
    const market = order.market;
    const price = slippedTicks(
      market.cursorTicks,
      order.buy,
      this.options.fillModel.slippageBps,
      order.limitTicks,
    );
    return this.fill(order, lots, price, 'taker');
  }

  private marketableAt(order: WorkingOrder, ticks: number): boolean {
    if (order.type === 'market') return true;
    return order.buy ? order.limitTicks >= ticks : order.limitTicks <= ticks;
  }

  // ---- placing and triggering ------------------------------------------------------------

  /** Puts an accepted (or just triggered) order where it waits. */
  protected place(order: WorkingOrder): void {
    const market = order.market;
    if (order.type === 'market' || order.timeInForce !== 'GTC') {
      order.stage = 'arrival';
      market.arrivals.push(order);
    } else if (order.type === 'limit') {
      order.stage = 'book';
      (order.buy ? market.bids : market.asks).add(order, order.limitTicks);
    } else {
      order.stage = 'trigger';
      market.triggerLadder(order, triggersOnRise(order.type, order.buy)).add(order, order.triggerTicks);
    }
  }

  /**
   * A stop or take-profit fires: it becomes a market or limit order. Inside a bar it trades at
   * once at the current path price when it can (taker); between bars it waits for the next open.
   */
  protected trigger(order: WorkingOrder, observedPrice: number): void {
    const market = order.market;
    market.triggerLadder(order, triggersOnRise(order.type, order.buy)).remove(order);
    this.emit({
      kind: 'orderTriggered',
      symbol: market.spec.symbol,
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      triggerPrice: market.grid.price(order.triggerTicks),
      triggerPriceType: order.triggerPriceType!,
      observedPrice,
    });
    order.type = order.type === 'stopMarket' || order.type === 'takeProfitMarket' ? 'market' : 'limit';
    const current = market.inBar ? market.cursorTicks : market.lastTicks;
    const marketable = !Number.isNaN(current) && this.marketableAt(order, current);
    order.liquidity = order.type === 'market' || marketable ? 'taker' : 'maker';
    if (market.inBar && marketable && market.budgetLots > 0) {
      this.fillTaker(order, Math.min(order.lots - order.filledLots, market.budgetLots));
    }
    if (!isDone(order)) this.place(order);
  }

  // ---- a bar -----------------------------------------------------------------------------

  /**
   * Walks one bar: at the open, the queued market/IOC/FOK orders, then everything the open
   * crossed; then the segments to the nearer extreme, the other extreme and the close. After
   * each of the four points the mark moves to its matching point (mark triggers, liquidation).
   */
  protected runBar(market: MarketState, bar: VenueBar): void {
    const grid = market.grid;
    // Two arrays kept by the engine, not four built per bar: at 1,000 bars a tick the
    // allocations and closures here were a large part of the tick (bench/paper-run.bench.ts).
    const path = this.#barTicks;
    barPathInto(path, bar.open, bar.high, bar.low, bar.close);
    for (let point = 0; point < 4; point++) path[point] = grid.ticks(path[point], 'nearest');
    let markPath: number[] | null = this.#barMarks;
    if (bar.mark) barPathInto(markPath, bar.mark.open, bar.mark.high, bar.mark.low, bar.mark.close);
    else if (market.markFromSeries) markPath = null;
    else for (let point = 0; point < 4; point++) markPath[point] = grid.price(path[point]);
    market.inBar = true;
    market.budgetLots = barBudgetLots(
      bar.volume,
      this.options.fillModel.participationCap,
      market.spec.lotSize,
    );
    for (let point = 0; point < 4; point++) {
      if (point === 0) {
        market.cursorTicks = path[0];
        this.runArrivals(market);
        this.runCrossed(market);
      } else {
        this.runSegment(market, path[point]);
      }
      market.lastTicks = market.cursorTicks;
      if (markPath) this.moveMark(market, markPath[point]);
    }
    market.inBar = false;
    market.budgetLots = 0;
  }

  /** Market, IOC and FOK orders meet the open, first come first served, within the bar's budget. */
  private runArrivals(market: MarketState): void {
    const queue = market.arrivals;
    market.arrivals = [];
    for (const order of queue) {
      if (order.stage !== 'arrival') continue;
      const marketable = this.marketableAt(order, market.cursorTicks);
      let wanted = order.lots - order.filledLots;
      if (order.reduceOnly && order.market.position.lots !== 0)
        wanted = Math.min(wanted, Math.abs(order.market.position.lots));
      if (order.timeInForce === 'FOK') {
        if (marketable && wanted <= market.budgetLots) this.fillTaker(order, wanted);
        if (!isDone(order)) this.cancelOrder(order, 'FOK_NOT_FILLED');
        continue;
      }
      if (marketable && market.budgetLots > 0) this.fillTaker(order, Math.min(wanted, market.budgetLots));
      if (isDone(order)) continue;
      if (order.timeInForce === 'IOC') this.cancelOrder(order, 'IOC_REMAINDER');
      else market.arrivals.push(order);
    }
  }

  /** Everything the current price has crossed (at the open: gaps), filled or fired at that price. */
  private runCrossed(market: MarketState): void {
    const at = market.cursorTicks;
    for (;;) {
      const rising = market.lastRising.best() as WorkingOrder | null;
      if (rising && rising.triggerTicks <= at) {
        this.trigger(rising, market.grid.price(at));
        continue;
      }
      const falling = market.lastFalling.best() as WorkingOrder | null;
      if (falling && falling.triggerTicks >= at) {
        this.trigger(falling, market.grid.price(at));
        continue;
      }
      if (market.budgetLots <= 0) return;
      const bid = market.bids.best() as WorkingOrder | null;
      if (bid && bid.limitTicks >= at) {
        this.fillResting(bid, at);
        continue;
      }
      const ask = market.asks.best() as WorkingOrder | null;
      if (ask && ask.limitTicks <= at) {
        this.fillResting(ask, at);
        continue;
      }
      return;
    }
  }

  /**
   * The price moves straight from the cursor to `target`: resting limits and last-price
   * triggers on the way are met in the order the price reaches them (a trigger before a limit
   * at the same price); a limit fills at its own price, or at the cursor if already crossed.
   */
  private runSegment(market: MarketState, target: number): void {
    const falling = target < market.cursorTicks;
    const triggers = falling ? market.lastFalling : market.lastRising;
    const book = falling ? market.bids : market.asks;
    // "reached" and "better" written out, not as closures: this runs three times a bar.
    for (;;) {
      const triggerTicks = triggers.bestPriceTicks();
      const limitTicks = market.budgetLots > 0 ? book.bestPriceTicks() : Number.NaN;
      const triggerDue =
        !Number.isNaN(triggerTicks) && (falling ? triggerTicks >= target : triggerTicks <= target);
      const limitDue = !Number.isNaN(limitTicks) && (falling ? limitTicks >= target : limitTicks <= target);
      if (!triggerDue && !limitDue) break;
      const limitBetter = falling ? limitTicks > triggerTicks : limitTicks < triggerTicks;
      const takeTrigger = triggerDue && (!limitDue || !limitBetter);
      const eventTicks = takeTrigger ? triggerTicks : limitTicks;
      if (falling ? market.cursorTicks > eventTicks : market.cursorTicks < eventTicks)
        market.cursorTicks = eventTicks;
      if (takeTrigger) this.trigger(triggers.best() as WorkingOrder, market.grid.price(market.cursorTicks));
      else this.fillResting(book.best() as WorkingOrder, market.cursorTicks);
    }
    market.cursorTicks = target;
  }

  private fillResting(order: WorkingOrder, atTicks: number): void {
    const price = order.buy ? Math.min(order.limitTicks, atTicks) : Math.max(order.limitTicks, atTicks);
    const lots = Math.min(order.lots - order.filledLots, order.market.budgetLots);
    if (order.liquidity === 'taker') this.fillTaker(order, lots);
    else this.fill(order, lots, price, 'maker');
  }

  // ---- a book snapshot -------------------------------------------------------------------

  /**
   * Queued market, IOC and FOK orders walk the snapshot's depth (each level at its own price,
   * taker, no extra slippage: the depth is the slippage); the budget is the depth itself.
   * Resting limits do not trade against a snapshot (that needs trades through them).
   */
  protected runBook(market: MarketState, book: BookSnapshot): void {
    const grid = market.grid;
    const toDepth = (side: BookSnapshot['bids']): BookDepth => ({
      priceTicks: side.map(([price]) => grid.ticks(price, 'nearest')),
      lots: side.map(([, amount]) => grid.lots(amount)),
    });
    const bids = toDepth(book.bids);
    const asks = toDepth(book.asks);
    const queue = market.arrivals;
    market.arrivals = [];
    market.budgetLots = Number.POSITIVE_INFINITY;
    for (const order of queue) {
      if (isDone(order)) continue;
      const depth = order.buy ? asks : bids;
      const limit = order.type === 'market' ? Number.NaN : order.limitTicks;
      let wanted = order.lots - order.filledLots;
      if (order.reduceOnly && market.position.lots !== 0)
        wanted = Math.min(wanted, Math.abs(market.position.lots));
      if (order.timeInForce !== 'FOK' || depthWithin(depth, order.buy, limit) >= wanted) {
        for (const take of walkBook(depth, wanted, order.buy, limit)) {
          if (isDone(order)) break;
          this.fill(order, take.lots, take.priceTicks, 'taker');
        }
      }
      if (isDone(order)) continue;
      if (order.timeInForce === 'FOK') this.cancelOrder(order, 'FOK_NOT_FILLED');
      else if (order.timeInForce === 'IOC') this.cancelOrder(order, 'IOC_REMAINDER');
      else market.arrivals.push(order);
    }
    market.budgetLots = 0;
    if (bids.priceTicks.length > 0 && asks.priceTicks.length > 0)
      market.lastTicks = Math.round((bids.priceTicks[0] + asks.priceTicks[0]) / 2);
  }

  // ---- mark, funding, liquidation --------------------------------------------------------

  /** The mark moves to `price`: mark triggers fire, then liquidation is checked. */
  protected moveMark(market: MarketState, price: number): void {
    market.position.markPrice = price;
    const ticks = market.grid.ticks(price, 'nearest');
    for (;;) {
      const rising = market.markRising.best() as WorkingOrder | null;
      if (rising && rising.triggerTicks <= ticks) {
        this.trigger(rising, price);
        continue;
      }
      const falling = market.markFalling.best() as WorkingOrder | null;
      if (falling && falling.triggerTicks >= ticks) {
        this.trigger(falling, price);
        continue;
      }
      break;
    }
    this.checkLiquidation(market);
  }

  protected payFunding(market: MarketState, rate: number): void {
    const position = market.position;
    if (position.lots === 0) return;
    const { amount, amountMinor } = this.account.applyFunding(position, rate);
    this.emit({
      kind: 'fundingPaid',
      symbol: market.spec.symbol,
      rate,
      markPrice: position.markPrice,
      positionQuantity: market.grid.quantity(position.lots),
      amount,
      amountMinor,
    });
    if (position.marginMode === 'isolated') {
      this.emit({
        kind: 'isolatedMarginChanged',
        symbol: market.spec.symbol,
        deltaMinor: amountMinor,
        isolatedMarginMinor: position.isolatedMarginMinor,
      });
    }
    this.checkLiquidation(market);
  }

  protected checkLiquidation(market: MarketState): void {
    const position = market.position;
    if (position.marginMode === 'isolated') {
      if (!this.account.isolatedBelowMaintenance(position)) return;
      const liquidationPrice = this.account.liquidationPrice(position);
      this.cancelAll([market]);
      this.emitLiquidation(
        market,
        liquidationPrice,
        this.account.liquidateIsolated(position, this.options.liquidationFeeRate),
      );
      return;
    }
    if (position.lots === 0 || !this.account.crossBelowMaintenance()) return;
    const crossMarkets = [...this.markets.values()].filter((m) => m.position.marginMode === 'cross');
    const prices = new Map(crossMarkets.map((m) => [m, this.account.liquidationPrice(m.position)]));
    this.cancelAll(crossMarkets);
    for (const { position: closed, booking } of this.account.liquidateCross(
      this.options.liquidationFeeRate,
    )) {
      const closedMarket = this.markets.get(closed.symbol)!;
      this.emitLiquidation(closedMarket, prices.get(closedMarket) ?? null, booking);
    }
  }

  private cancelAll(markets: MarketState[]): void {
    const doomed = [...this.orders.values()].filter((order) => markets.includes(order.market));
    for (const order of doomed) this.cancelOrder(order, 'LIQUIDATION');
  }

  private emitLiquidation(
    market: MarketState,
    liquidationPrice: number | null,
    booking: ReturnType<MarginAccount['liquidateIsolated']>,
  ): void {
    if (booking.isolatedDeltaMinor !== 0n) {
      this.emit({
        kind: 'isolatedMarginChanged',
        symbol: market.spec.symbol,
        deltaMinor: booking.isolatedDeltaMinor,
        isolatedMarginMinor: market.position.isolatedMarginMinor,
      });
    }
    this.emit({
      kind: 'positionLiquidated',
      symbol: market.spec.symbol,
      marginMode: market.position.marginMode,
      quantity: booking.closedQuantity,
      entryPrice: booking.entryPrice,
      markPrice: booking.markPrice,
      liquidationPrice,
      bankruptcyPrice: booking.bankruptcyPrice,
      realisedPnl: fromMinorUnits(booking.realisedPnlMinor),
      realisedPnlMinor: booking.realisedPnlMinor,
      liquidationFee: fromMinorUnits(booking.liquidationFeeMinor),
      liquidationFeeMinor: booking.liquidationFeeMinor,
    });
  }
}
