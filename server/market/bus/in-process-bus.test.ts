import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../events';
import { InProcessBus } from './in-process-bus';

const event = (price: number): MarketEvent => ({
  kind: 'mark',
  venue: 'v',
  symbol: 's',
  exchangeTimeMs: 1,
  receivedAtMs: 2,
  markPrice: price,
  indexPrice: null,
});

describe('InProcessBus', () => {
  it('delivers every event to every subscriber in order', () => {
    const bus = new InProcessBus();
    const a: number[] = [];
    const b: number[] = [];
    bus.subscribe('a', (e) => e.kind === 'mark' && a.push(e.markPrice));
    const stopB = bus.subscribe('b', (e) => e.kind === 'mark' && b.push(e.markPrice));
    bus.publish(event(1));
    bus.publish(event(2));
    stopB();
    bus.publish(event(3));
    expect(a).toEqual([1, 2, 3]);
    expect(b).toEqual([1, 2]);
    expect(bus.stats()).toEqual({ published: 3, delivered: 5, handlerErrors: 0 });
  });

  it('isolates a consumer that throws', () => {
    const errors: string[] = [];
    const bus = new InProcessBus((name) => errors.push(name));
    const seen: number[] = [];
    bus.subscribe('broken', () => {
      throw new Error('boom');
    });
    bus.subscribe('fine', (e) => e.kind === 'mark' && seen.push(e.markPrice));
    bus.publish(event(7));
    expect(seen).toEqual([7]);
    expect(errors).toEqual(['broken']);
    expect(bus.stats().handlerErrors).toBe(1);
  });
});
