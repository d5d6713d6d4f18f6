// What changed in a session since its last frame (orders, fills, risk events), and the frame
// that tells the hubs about it: one per tick with changes or a new bar, none otherwise.
import type {
  EquityPoint,
  TradeAccount,
  TradeFill,
  TradeOrder,
  TradePosition,
  TradeRiskEvent,
  TradingFrame,
} from '@patchdesk/modules/contracts/trading';
import type { ClientOrderId } from '../broker';
import type { TradingListener } from './session-types';

/** The figures a frame carries beside the changes, read only when someone listens. */
export interface FrameSource {
  account(): TradeAccount;
  positions(): TradePosition[];
  readonly feed: { readonly killSwitch: boolean };
}

export class FramePublisher {
  readonly #source: FrameSource;
  readonly #listeners = new Set<TradingListener>();
  #changedOrders = new Map<ClientOrderId, TradeOrder>();
  #newFills: TradeFill[] = [];
  #newRiskEvents: TradeRiskEvent[] = [];

  constructor(source: FrameSource) {
    this.#source = source;
  }

  orderChanged(order: TradeOrder): void {
    this.#changedOrders.set(order.clientOrderId, order);
  }

  filled(fill: TradeFill): void {
    this.#newFills.push(fill);
  }

  riskNoted(record: TradeRiskEvent): void {
    this.#newRiskEvents.push(record);
  }

  /** Listeners must not throw; they are the hubs' queues. */
  onFrame(listener: TradingListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Publishes the changes at `timeMs`; `lastEquity` counts as a new bar when it is at `timeMs`. */
  publish(timeMs: number, lastEquity: EquityPoint | null): void {
    const changed =
      this.#changedOrders.size > 0 || this.#newFills.length > 0 || this.#newRiskEvents.length > 0;
    const barArrived = lastEquity !== null && lastEquity.timeMs === timeMs;
    if (!changed && !barArrived) return;
    if (this.#listeners.size > 0) {
      const frame: TradingFrame = {
        kind: 'frame',
        patchName: '',
        timeMs,
        account: this.#source.account(),
        positions: this.#source.positions(),
        orders: [...this.#changedOrders.values()].map((o) => ({ ...o })),
        fills: this.#newFills,
        riskEvents: this.#newRiskEvents,
        equity: barArrived ? lastEquity : null,
        killSwitch: this.#source.feed.killSwitch,
      };
      for (const listener of this.#listeners) listener(frame);
    }
    this.#changedOrders = new Map();
    this.#newFills = [];
    this.#newRiskEvents = [];
  }
}
