import { describe, expect, it } from 'vitest';
import type { BrokerEvent, OrderRequest } from '../broker';
import { tradingEventOf } from './trading-event-of';

const noRequests = new Map<string, OrderRequest>();

describe('tradingEventOf', () => {
  it('books a fill with the reduce-only flag of its request, and clamps a negative time to 0', () => {
    const fill = {
      kind: 'orderFilled',
      eventId: 'r:f1',
      atMs: -5,
      clientOrderId: 'r-1',
      symbol: 'BTC/USDT:USDT',
      side: 'sell',
      quantity: 0.01,
      price: 50_000,
      fee: 0.25,
      feeCurrency: 'USDT',
      liquidity: 'taker',
      venueOrderId: 'v1',
      fillId: 't1',
      remainingQuantity: 0,
    } satisfies BrokerEvent;
    const requests = new Map([['r-1', { reduceOnly: true } as OrderRequest]]);
    expect(tradingEventOf(fill, 'paper', requests)).toEqual({
      kind: 'fill',
      eventId: 'r:f1',
      accountId: 'paper',
      atMs: 0,
      orderId: 'r-1',
      symbol: 'BTC/USDT:USDT',
      side: 'sell',
      quantity: 0.01,
      price: 50_000,
      fee: 0.25,
      liquidity: 'taker',
      reduceOnly: true,
    });
    expect(tradingEventOf(fill, 'paper', noRequests)).toMatchObject({ reduceOnly: false });
  });

  it('books no funding when nothing was paid, and a liquidation closes against its sign', () => {
    const funding = {
      kind: 'fundingPaid',
      eventId: 'r:fu',
      atMs: 10,
      symbol: 'BTC/USDT:USDT',
      rate: 0,
      markPrice: 1,
      amount: 0,
      positionSize: 0,
      currency: 'USDT',
    } satisfies BrokerEvent;
    expect(tradingEventOf(funding, 'paper', noRequests)).toBeNull();
    const liquidation = {
      kind: 'positionLiquidated',
      eventId: 'r:l',
      atMs: 20,
      symbol: 'BTC/USDT:USDT',
      size: -0.04,
      price: 53_900,
      fee: 10.78,
      currency: 'USDT',
    } satisfies BrokerEvent;
    expect(tradingEventOf(liquidation, 'paper', noRequests)).toMatchObject({
      kind: 'liquidation',
      side: 'buy',
      quantity: 0.04,
      price: 53_900,
      fee: 10.78,
    });
    const accepted = {
      kind: 'orderAccepted',
      eventId: 'r:a',
      atMs: 30,
      clientOrderId: 'r-1',
      venueOrderId: 'v1',
    } satisfies BrokerEvent;
    expect(tradingEventOf(accepted, 'paper', noRequests)).toBeNull();
  });
});
