// In-process market bus: publish calls every subscriber synchronously, in subscription order.
// A consumer that must not slow the short path (the recorder) only appends to its own bounded
// batch inside its handler. A handler that throws is counted and reported, never allowed to
// stop delivery to the others.
import type { MarketEvent } from '../events';
import type { BusStats, MarketBus, MarketEventHandler } from './market-bus';

export const subscribersMax = 256;

export class InProcessBus implements MarketBus {
  private handlers: { name: string; handler: MarketEventHandler }[] = [];
  private readonly counters: BusStats = { published: 0, delivered: 0, handlerErrors: 0 };

  constructor(private readonly onHandlerError: (name: string, error: unknown) => void = () => {}) {}

  publish(event: MarketEvent): void {
    this.counters.published++;
    const handlers = this.handlers;
    for (let i = 0; i < handlers.length; i++) {
      try {
        handlers[i].handler(event);
        this.counters.delivered++;
      } catch (error) {
        this.counters.handlerErrors++;
        this.onHandlerError(handlers[i].name, error);
      }
    }
  }

  subscribe(name: string, handler: MarketEventHandler): () => void {
    if (this.handlers.length >= subscribersMax) {
      throw new Error(`the market bus has ${subscribersMax} subscribers already`);
    }
    const entry = { name, handler };
    // Copy on write: a handler that unsubscribes during delivery does not disturb the loop.
    this.handlers = [...this.handlers, entry];
    return () => {
      this.handlers = this.handlers.filter((candidate) => candidate !== entry);
    };
  }

  stats(): BusStats {
    return { ...this.counters };
  }

  async close(): Promise<void> {
    this.handlers = [];
  }
}
