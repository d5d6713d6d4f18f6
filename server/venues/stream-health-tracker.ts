// Health counters for one stream, and the stale rule: no valid event within `staleAfterMs` of
// our clock (a stream that never delivered is stale too). The clock is passed in.
import type { StreamHealth } from './venue-connector';
import type { Subscription } from './venue-config';

export class StreamHealthTracker {
  private readonly counters: Omit<StreamHealth, 'stale'>;

  constructor(
    subscription: Subscription,
    private readonly staleAfterMs: number,
  ) {
    this.counters = {
      symbol: subscription.symbol,
      channel: subscription.channel,
      ...(subscription.timeframe ? { timeframe: subscription.timeframe } : {}),
      lastEventAtMs: null,
      events: 0,
      dropped: 0,
      reconnects: 0,
      resyncs: 0,
      rateLimited: 0,
      lastError: null,
    };
  }

  event(receivedAtMs: number): void {
    this.counters.events++;
    this.counters.lastEventAtMs = receivedAtMs;
  }

  drop(): void {
    this.counters.dropped++;
  }

  failure(kind: 'reconnect' | 'resync' | 'rateLimited', message: string): void {
    if (kind === 'resync') this.counters.resyncs++;
    else if (kind === 'rateLimited') this.counters.rateLimited++;
    this.counters.reconnects++;
    this.counters.lastError = message;
  }

  isStale(nowMs: number): boolean {
    const last = this.counters.lastEventAtMs;
    return last === null || nowMs - last > this.staleAfterMs;
  }

  snapshot(nowMs: number): StreamHealth {
    return { ...this.counters, stale: this.isStale(nowMs) };
  }
}
