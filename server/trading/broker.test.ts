import { describe, expect, it } from 'vitest';
import { BrokerUnavailableError } from './broker';
import type { BrokerEventKind } from './broker';

describe('broker contract', () => {
  it('names its events in the past tense, one per fact the ledger and the hubs need', () => {
    const kinds: Record<BrokerEventKind, true> = {
      orderAccepted: true,
      orderRejected: true,
      orderModified: true,
      orderTriggered: true,
      orderFilled: true,
      orderCanceled: true,
      fundingPaid: true,
      positionLiquidated: true,
    };
    expect(Object.keys(kinds)).toHaveLength(8);
  });

  it('tells a retryable outage from a permanent one', () => {
    const outage = new BrokerUnavailableError('binanceusdm: 503 from /fapi/v1/order', true, 2_000);
    expect(outage).toBeInstanceOf(Error);
    expect(outage).toMatchObject({ name: 'BrokerUnavailableError', retryable: true, retryAfterMs: 2_000 });
    expect(new BrokerUnavailableError('bad API key', false).retryAfterMs).toBeNull();
  });
});
