// What a trading session remembers of its orders and fills, for the hubs and the editor: every
// working order, the most recent finished orders and fills (bounded: a long run keeps flat
// memory; the journal holds the full history), and running counts.
import type { OrderSide } from '@patchdesk/modules/sdk/ports';
import type { TradeFill, TradeOrder, TradeOrderStatus } from '@patchdesk/modules/contracts/trading';
import type { BrokerEvent, OrderRequest } from '../broker';

export const finishedOrdersKeptMax = 500;
export const fillsKeptMax = 1_000;

const finalStatuses: ReadonlySet<TradeOrderStatus> = new Set(['filled', 'canceled', 'rejected']);

export class TradeRecords {
  readonly #working = new Map<string, TradeOrder>();
  readonly #finished: TradeOrder[] = [];
  readonly #fills: TradeFill[] = [];
  fillCount = 0;
  orderCount = 0;

  /** An order we sent (before the venue's answer). */
  sent(request: OrderRequest, atMs: number): TradeOrder {
    const order: TradeOrder = {
      clientOrderId: request.clientOrderId,
      venueOrderId: null,
      symbol: request.symbol,
      side: request.side,
      orderType: request.orderType,
      timeInForce: request.timeInForce,
      quantity: request.quantity,
      filledQuantity: 0,
      averagePrice: null,
      limitPrice: request.limitPrice,
      triggerPrice: request.triggerPrice,
      reduceOnly: request.reduceOnly,
      status: 'pending',
      reason: null,
      tag: request.tag,
      createdAtMs: atMs,
      updatedAtMs: atMs,
    };
    this.#working.set(order.clientOrderId, order);
    this.orderCount++;
    return order;
  }

  /**
   * Applies one broker event; returns the order it changed (a copy is not made: callers that
   * keep it past the tick copy it) and the fill it added, if any.
   */
  apply(
    event: BrokerEvent,
    exitOf: (clientOrderId: string) => OrderRequest | null,
  ): {
    order: TradeOrder | null;
    fill: TradeFill | null;
  } {
    if (event.kind === 'fundingPaid') return { order: null, fill: null };
    if (event.kind === 'positionLiquidated') {
      const fill = this.#addFill({
        fillId: event.eventId,
        clientOrderId: null,
        timeMs: event.atMs,
        symbol: event.symbol,
        side: (event.size > 0 ? 'sell' : 'buy') as OrderSide,
        price: event.price,
        quantity: Math.abs(event.size),
        fee: event.fee,
        liquidity: 'taker',
        liquidation: true,
        tag: 'liquidation',
      });
      return { order: null, fill };
    }
    let order = this.#working.get(event.clientOrderId);
    if (!order) {
      // An order the venue placed for us (a bracket's exit): known from its request.
      const request = exitOf(event.clientOrderId);
      if (!request) return { order: null, fill: null };
      order = this.sent(request, event.atMs);
    }
    order.updatedAtMs = event.atMs;
    let fill: TradeFill | null = null;
    switch (event.kind) {
      case 'orderAccepted':
        order.venueOrderId = event.venueOrderId;
        order.status = 'open';
        break;
      case 'orderRejected':
        order.status = 'rejected';
        order.reason = event.refusal.message;
        break;
      case 'orderModified':
        order.quantity = event.quantity;
        order.limitPrice = event.limitPrice;
        order.triggerPrice = event.triggerPrice;
        break;
      case 'orderTriggered':
        order.status = 'triggered';
        break;
      case 'orderFilled': {
        const filled = order.filledQuantity + event.quantity;
        order.averagePrice =
          ((order.averagePrice ?? 0) * order.filledQuantity + event.price * event.quantity) / filled;
        order.filledQuantity = filled;
        order.status = event.remainingQuantity === 0 ? 'filled' : 'partiallyFilled';
        fill = this.#addFill({
          fillId: event.fillId,
          clientOrderId: event.clientOrderId,
          timeMs: event.atMs,
          symbol: event.symbol,
          side: event.side,
          price: event.price,
          quantity: event.quantity,
          fee: event.fee,
          liquidity: event.liquidity,
          liquidation: false,
          tag: order.tag,
        });
        break;
      }
      case 'orderCanceled':
        order.status = 'canceled';
        order.reason = event.reason;
        break;
    }
    if (finalStatuses.has(order.status)) this.#finish(order);
    return { order, fill };
  }

  isWorking(clientOrderId: string): boolean {
    return this.#working.has(clientOrderId);
  }

  order(clientOrderId: string): TradeOrder | undefined {
    return this.#working.get(clientOrderId) ?? this.#finished.find((o) => o.clientOrderId === clientOrderId);
  }

  workingOrders(): TradeOrder[] {
    return [...this.#working.values()];
  }

  /** Working orders first (oldest first), then the most recent finished ones, newest first. */
  orders(): TradeOrder[] {
    return [...this.#working.values(), ...[...this.#finished].reverse()];
  }

  /** Most recent fills, oldest first. */
  fills(): TradeFill[] {
    return [...this.#fills];
  }

  #finish(order: TradeOrder): void {
    this.#working.delete(order.clientOrderId);
    this.#finished.push(order);
    if (this.#finished.length > finishedOrdersKeptMax) this.#finished.shift();
  }

  #addFill(fill: TradeFill): TradeFill {
    this.#fills.push(fill);
    if (this.#fills.length > fillsKeptMax) this.#fills.shift();
    this.fillCount++;
    return fill;
  }
}
