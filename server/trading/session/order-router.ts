// The order boundary of a session: a patch's intents (by slot) and people's orders become
// broker requests with this run's client order ids. It remembers which order works for which
// slot and every request it sent (a fill's reduce-only flag and a bracket's exits are read
// back from them); a refusal is a risk event, never thrown.
import type { OrderIntent, OrderSlot } from '@patchdesk/modules/sdk/ports';
import type { RiskEvent, TradingFeed } from '@patchdesk/modules/sdk/trading-feed';
import type { TradeOrder } from '@patchdesk/modules/contracts/trading';
import type { ClientOrderId, OrderRequest } from '../broker';
import { makeClientOrderId, parseClientOrderId } from '../client-order-id';
import { prepareOrderRequest } from '../order-request';
import type { SimBroker } from './sim-broker';
import type { TradeRecords } from './trade-records';

export interface OrderRouterParts {
  runKey: string;
  broker: SimBroker;
  feed: TradingFeed;
  records: TradeRecords;
  /** The session's time (null before its first tick). */
  timeMs: () => number | null;
  noteRisk: (event: RiskEvent) => void;
  /** An order was created (before the broker sees it). */
  orderSent: (order: TradeOrder) => void;
}

export class OrderRouter {
  readonly #parts: OrderRouterParts;
  #sequence = 0;
  readonly #slotOrders = new Map<OrderSlot, ClientOrderId>();
  readonly #orderSlots = new Map<ClientOrderId, OrderSlot>();
  readonly #requests = new Map<ClientOrderId, OrderRequest>();

  constructor(parts: OrderRouterParts) {
    this.#parts = parts;
  }

  /** Every request sent (and every bracket exit the broker placed), by client order id. */
  get requests(): ReadonlyMap<ClientOrderId, OrderRequest> {
    return this.#requests;
  }

  route(intent: OrderIntent, timeMs: number): void {
    const { broker, feed, noteRisk } = this.#parts;
    const working = this.#slotOrders.get(intent.slot);
    if (intent.action === 'cancel') {
      if (working !== undefined) broker.cancel(working);
      return;
    }
    if (intent.action === 'modify') {
      if (working === undefined) {
        noteRisk({ atMs: timeMs, source: 'broker', denial: { code: 'ORDER_NOT_WORKING' }, intent });
        return;
      }
      const prepared = prepareOrderRequest(intent, working, feed.markets);
      if (!prepared.ok) {
        noteRisk({ atMs: timeMs, source: 'broker', denial: prepared.denial, intent });
        return;
      }
      const { quantity, limitPrice, triggerPrice } = prepared.request;
      broker.amend(working, { quantity, limitPrice, triggerPrice });
      return;
    }
    if (feed.killSwitch && !intent.reduceOnly) {
      // The kill switch holds at the order boundary too, not only in a patch's kill-switch gate:
      // a patch without one must not open positions again after a kill.
      noteRisk({ atMs: timeMs, source: 'broker', denial: { code: 'KILL_SWITCH_ON' }, intent });
      return;
    }
    const clientOrderId = this.nextClientOrderId();
    const prepared = prepareOrderRequest(intent, clientOrderId, feed.markets);
    if (!prepared.ok) {
      noteRisk({ atMs: timeMs, source: 'broker', denial: prepared.denial, intent });
      return;
    }
    this.#slotOrders.set(intent.slot, clientOrderId);
    this.#orderSlots.set(clientOrderId, intent.slot);
    feed.workingSlots.add(intent.slot);
    this.send(prepared.request);
  }

  send(request: OrderRequest): void {
    const { records, broker } = this.#parts;
    this.#requests.set(request.clientOrderId, request);
    const order = records.sent(request, this.#parts.timeMs() ?? request.createdAtMs);
    this.#parts.orderSent(order);
    broker.submit(request);
  }

  nextClientOrderId(): ClientOrderId {
    return makeClientOrderId(this.#parts.runKey, this.#sequence++);
  }

  /** The request of an exit the broker placed for a bracket (its id names the entry). */
  exitRequest(clientOrderId: string): OrderRequest | null {
    const parsed = parseClientOrderId(clientOrderId);
    if (!parsed || parsed.exit === null) return null;
    const entryId = clientOrderId.slice(0, -1);
    const entry = this.#requests.get(entryId);
    if (!entry) return null;
    // the broker protects what the entry filled, not the whole position (earlier entries have their own exits)
    const quantity = this.#parts.records.order(entryId)?.filledQuantity || entry.quantity;
    const request: OrderRequest = {
      ...entry,
      clientOrderId,
      side: entry.side === 'buy' ? 'sell' : 'buy',
      orderType: parsed.exit === 'stopLoss' ? 'stop-market' : 'take-profit',
      quantity,
      limitPrice: null,
      triggerPrice: parsed.exit === 'stopLoss' ? entry.stopLossPrice : entry.takeProfitPrice,
      reduceOnly: true,
      stopLossPrice: null,
      takeProfitPrice: null,
      tag: `${entry.tag} ${parsed.exit === 'stopLoss' ? 'stop-loss' : 'take-profit'}`,
    };
    this.#requests.set(clientOrderId, request);
    return request;
  }

  /** A finished order frees its slot (unless the slot already moved on to a newer order). */
  releaseSlot(clientOrderId: ClientOrderId): void {
    const slot = this.#orderSlots.get(clientOrderId);
    if (slot === undefined) return;
    this.#orderSlots.delete(clientOrderId);
    if (this.#slotOrders.get(slot) === clientOrderId) {
      this.#slotOrders.delete(slot);
      this.#parts.feed.workingSlots.delete(slot);
    }
  }
}
