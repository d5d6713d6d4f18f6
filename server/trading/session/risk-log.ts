// A session's risk events: the newest ones kept for the hubs (bounded), a running count, and
// the listeners told about each as it happens.
import type { TradeRiskEvent } from '@patchdesk/modules/contracts/trading';
import type { RiskListener } from './session-types';

export const riskEventsKeptMax = 500;

export class RiskLog {
  readonly #events: TradeRiskEvent[] = [];
  readonly #listeners = new Set<RiskListener>();
  count = 0;

  add(record: TradeRiskEvent): void {
    this.#events.push(record);
    if (this.#events.length > riskEventsKeptMax) this.#events.shift();
    this.count++;
  }

  tell(record: TradeRiskEvent): void {
    for (const listener of this.#listeners) listener(record);
  }

  events(): TradeRiskEvent[] {
    return [...this.#events];
  }

  onRisk(listener: RiskListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
