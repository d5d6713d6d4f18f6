// The worked example of README.md, computed by hand there and checked here to the minor unit.
import { describe, expect, it } from 'vitest';
import type { TradingEvent } from '../events';
import { Accounting } from './accounting';
import { accountView } from './account-view';
import { accountIdOf } from './chart-of-accounts';
import { debitBalance } from './ledger-types';
import { MemoryLedger } from './memory-ledger';
import { toMinorUnits } from './money';

const symbol = 'BTC/USDT:USDT';
const units = (value: string) => toMinorUnits(Number(value));
let clockMs = 1_700_000_000_000;

function event<T extends TradingEvent['kind']>(kind: T, fields: Record<string, unknown>): TradingEvent {
  clockMs += 1_000;
  return { kind, eventId: `e${clockMs}`, accountId: 'paper-1', atMs: clockMs, ...fields } as TradingEvent;
}

const fill = (side: 'buy' | 'sell', quantity: number, price: number, fee: number, reduceOnly = false) =>
  event('fill', {
    orderId: `o${clockMs}`,
    symbol,
    side,
    quantity,
    price,
    fee,
    liquidity: 'taker',
    reduceOnly,
  });

function booked(accounting: Accounting, e: TradingEvent) {
  const outcome = accounting.book(e);
  if (!outcome.ok || outcome.duplicate)
    throw new Error(`not booked: ${JSON.stringify(outcome, (_, v) => (typeof v === 'bigint' ? `${v}` : v))}`);
  return outcome;
}

function balance(accounting: Accounting, kind: Parameters<typeof accountIdOf>[2], sym?: string): bigint {
  const account = accounting.ledger.account(accountIdOf('paper-1', 'USDT', kind, sym));
  return account ? debitBalance(account) : 0n;
}

describe('Accounting: the worked example', () => {
  const accounting = new Accounting(new MemoryLedger(), { leverageOf: () => 10 });

  it('1. deposit 10 000 USDT: cash 10 000, capital 10 000', () => {
    booked(accounting, event('deposit', { currency: 'USDT', amount: 10_000 }));
    expect(balance(accounting, 'cash')).toBe(units('10000'));
    expect(balance(accounting, 'capital')).toBe(-units('10000'));
  });

  it('2. buy 0.1 BTC at 50 000, fee 2.5, 10x: basis 5 000, margin 500, cash 9 497.5', () => {
    const outcome = booked(accounting, fill('buy', 0.1, 50_000, 2.5));
    expect(outcome.transfers.map((t) => [t.id.split('/').pop(), t.amount])).toEqual([
      ['fee', units('2.5')],
      ['basis-open', units('5000')],
      ['margin-lock', units('500')],
    ]);
    expect(outcome.transfers.map((t) => t.flags)).toEqual([1, 1, 0]);
    expect(balance(accounting, 'position', symbol)).toBe(units('5000'));
    expect(balance(accounting, 'positionContra', symbol)).toBe(-units('5000'));
    expect(balance(accounting, 'margin', symbol)).toBe(units('500'));
    expect(balance(accounting, 'cash')).toBe(units('9497.5'));
  });

  it('3. funding 0.01 % at mark 50 500: the long pays 0.505', () => {
    booked(accounting, event('funding', { symbol, amount: -0.505, rate: 0.0001, markPrice: 50_500 }));
    expect(balance(accounting, 'cash')).toBe(units('9496.995'));
    expect(balance(accounting, 'fundingPnl')).toBe(units('0.505'));
  });

  it('4. sell 0.04 at 51 000, fee 1.02: releases 2 000 basis and 200 margin, realises +40', () => {
    booked(accounting, fill('sell', 0.04, 51_000, 1.02));
    expect(balance(accounting, 'realisedPnl')).toBe(-units('40'));
    expect(balance(accounting, 'position', symbol)).toBe(units('3000'));
    expect(balance(accounting, 'margin', symbol)).toBe(units('300'));
    expect(balance(accounting, 'cash')).toBe(units('9735.975'));
    expect(accounting.positionUnits('paper-1', symbol)).toBe(units('0.06'));
  });

  it('5. sell 0.1 at 49 000 (flip), fee 2.45: realises -60 on 0.06, opens 0.04 short', () => {
    booked(accounting, fill('sell', 0.1, 49_000, 2.45));
    expect(balance(accounting, 'realisedPnl')).toBe(units('20'));
    expect(balance(accounting, 'position', symbol)).toBe(-units('1960'));
    expect(balance(accounting, 'margin', symbol)).toBe(units('196'));
    expect(balance(accounting, 'cash')).toBe(units('9777.525'));
    expect(balance(accounting, 'fees')).toBe(units('5.97'));
    expect(accounting.positionUnits('paper-1', symbol)).toBe(-units('0.04'));
  });

  it('marked at 48 000: unrealised +40, equity 10 013.525 = 10 000 - 20 - 5.97 - 0.505 + 40', () => {
    const view = accountView(accounting, 'paper-1', 'USDT', { [symbol]: 48_000 });
    expect(view.unrealisedUnits).toBe(units('40'));
    expect(view.equityUnits).toBe(units('10013.525'));
    expect(
      view.capitalUnits + view.realisedUnits - view.feesUnits + view.fundingUnits + view.unrealisedUnits,
    ).toBe(view.equityUnits);
  });

  it('6. liquidation of the short at its bankruptcy price 53 900, fee 10.78: loses the 196 margin', () => {
    const outcome = booked(
      accounting,
      event('liquidation', { symbol, side: 'buy', quantity: 0.04, price: 53_900, fee: 10.78 }),
    );
    expect(outcome.shortfallUnits).toBe(0n);
    expect(outcome.transfers.find((t) => t.id.endsWith('/fee'))?.code).toBe(31);
    // realised PnL -20 - 196 = -216: a debit balance of 216 on the credit-normal account
    expect(balance(accounting, 'realisedPnl')).toBe(units('216'));
    expect(balance(accounting, 'margin', symbol)).toBe(0n);
    expect(balance(accounting, 'position', symbol)).toBe(0n);
    expect(balance(accounting, 'cash')).toBe(units('9766.745'));
    expect(accounting.positionUnits('paper-1', symbol)).toBe(0n);
  });

  it('books an event once: the same event again is a duplicate and moves nothing', () => {
    const deposit = event('deposit', { currency: 'USDT', amount: 1 });
    booked(accounting, deposit);
    const count = accounting.ledger.transferCount;
    expect(accounting.book(deposit)).toEqual({ ok: true, duplicate: true, eventId: deposit.eventId });
    expect(accounting.ledger.transferCount).toBe(count);
  });
});

describe('Accounting refusals and shortfalls', () => {
  it('refuses a reduce-only fill that would grow or flip, and changes nothing', () => {
    const accounting = new Accounting(new MemoryLedger());
    booked(accounting, event('deposit', { currency: 'USDT', amount: 1_000 }));
    booked(accounting, fill('buy', 0.01, 30_000, 0));
    const before = accounting.ledger.transferCount;
    expect(accounting.book(fill('buy', 0.01, 30_000, 0, true))).toMatchObject({
      ok: false,
      code: 'REDUCE_ONLY_WOULD_GROW',
    });
    expect(accounting.book(fill('sell', 0.02, 30_000, 0, true))).toMatchObject({
      ok: false,
      code: 'REDUCE_ONLY_WOULD_GROW',
      positionUnits: units('0.01'),
      fillUnits: -units('0.02'),
    });
    expect(accounting.ledger.transferCount).toBe(before);
    expect(accounting.positionUnits('paper-1', symbol)).toBe(units('0.01'));
  });

  it('refuses an opening fill without the cash for its margin', () => {
    const accounting = new Accounting(new MemoryLedger(), { leverageOf: () => 5 });
    booked(accounting, event('deposit', { currency: 'USDT', amount: 100 }));
    expect(accounting.book(fill('buy', 0.1, 10_000, 0))).toMatchObject({
      ok: false,
      code: 'INSUFFICIENT_CASH',
      requiredUnits: units('200'),
      availableUnits: units('100'),
    });
    expect(accounting.ledger.transferCount).toBe(1);
  });

  it('books a loss beyond the money there is up to the cash and reports the rest as shortfall', () => {
    const accounting = new Accounting(new MemoryLedger(), { leverageOf: () => 10 });
    booked(accounting, event('deposit', { currency: 'USDT', amount: 100 }));
    booked(accounting, fill('buy', 1, 1_000, 0)); // margin 100, cash 0
    const outcome = booked(
      accounting,
      event('liquidation', { symbol, side: 'sell', quantity: 1, price: 850, fee: 1 }),
    );
    // loss 150 and fee 1 against 100 of released margin: 100 paid, 51 short
    expect(outcome.shortfallUnits).toBe(units('51'));
    expect(balance(accounting, 'cash')).toBe(0n);
    expect(balance(accounting, 'realisedPnl')).toBe(units('100'));
  });

  it('pays funding from cash first, then from the symbol margin', () => {
    const accounting = new Accounting(new MemoryLedger(), { leverageOf: () => 10 });
    booked(accounting, event('deposit', { currency: 'USDT', amount: 101 }));
    booked(accounting, fill('buy', 1, 1_000, 0)); // margin 100, cash 1
    booked(accounting, event('funding', { symbol, amount: -3, rate: 0.003, markPrice: 1_000 }));
    expect(balance(accounting, 'cash')).toBe(0n);
    expect(balance(accounting, 'margin', symbol)).toBe(units('98'));
  });

  it('refuses a withdrawal beyond the cash', () => {
    const accounting = new Accounting(new MemoryLedger());
    booked(accounting, event('deposit', { currency: 'USDT', amount: 5 }));
    expect(accounting.book(event('withdrawal', { currency: 'USDT', amount: 6 }))).toMatchObject({
      ok: false,
      code: 'INSUFFICIENT_CASH',
    });
    booked(accounting, event('withdrawal', { currency: 'USDT', amount: 5 }));
    expect(balance(accounting, 'cash')).toBe(0n);
  });
});
