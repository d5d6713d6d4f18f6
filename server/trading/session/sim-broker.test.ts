import { describe, expect, it } from 'vitest';
import { SimVenue } from '../../venues/sim/sim-venue';
import type { BrokerEvent, OrderRequest } from '../broker';
import { venueModelOf } from './paper-config';
import { SimBroker } from './sim-broker';

function brokerWithRestingBuy(): { broker: SimBroker; events: BrokerEvent[] } {
  const model = venueModelOf({});
  const sim = new SimVenue({ markets: [model.market], initialWalletMinor: 1_000_000_000_000n });
  const broker = new SimBroker(sim, { eventIdPrefix: 't:' });
  broker.onBar({
    symbol: model.market.symbol,
    timeMs: 0,
    open: 50_000,
    high: 50_000,
    low: 50_000,
    close: 50_000,
    volume: 10,
  });
  const request: OrderRequest = {
    clientOrderId: 't-1',
    symbol: model.market.symbol,
    side: 'buy',
    orderType: 'limit',
    quantity: 0.01,
    limitPrice: 49_000,
    triggerPrice: null,
    timeInForce: 'GTC',
    reduceOnly: false,
    stopLossPrice: null,
    takeProfitPrice: null,
    tag: 'test',
    createdAtMs: 0,
  };
  expect(broker.submit(request).accepted).toBe(true);
  const events: BrokerEvent[] = [];
  broker.onEvent((event) => events.push(event));
  return { broker, events };
}

describe('SimBroker.amend', () => {
  it('applies a change as modify does, without an ack', () => {
    const { broker, events } = brokerWithRestingBuy();
    expect(broker.amend('t-1', { quantity: null, limitPrice: 48_500, triggerPrice: null })).toBe(true);
    expect(events).toMatchObject([
      { kind: 'orderModified', clientOrderId: 't-1', limitPrice: 48_500, quantity: 0.01 },
    ]);
    expect(broker.modify('t-1', { quantity: 0.02, limitPrice: null, triggerPrice: null })).toMatchObject({
      accepted: true,
    });
    expect(events[1]).toMatchObject({ kind: 'orderModified', quantity: 0.02, limitPrice: 48_500 });
  });

  it('says false, and changes nothing, where modify would answer with a refusal', () => {
    const { broker, events } = brokerWithRestingBuy();
    const bad = { quantity: null, limitPrice: Number.NaN, triggerPrice: null };
    expect(broker.amend('t-1', bad)).toBe(false);
    expect(broker.amend('t-404', bad)).toBe(false);
    expect(events).toEqual([]);
    expect(broker.modify('t-1', bad)).toMatchObject({ accepted: false, refusal: { code: 'INVALID_ORDER' } });
    expect(broker.modify('t-404', bad)).toMatchObject({
      accepted: false,
      refusal: { code: 'ORDER_NOT_FOUND' },
    });
  });
});
