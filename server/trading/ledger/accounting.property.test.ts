// Property tests over random order streams and price paths. The expectations come from an
// independent model that never looks at cost basis or margin: a perpetual's trading PnL is the
// sum of its trade cash flows (sell +, buy -) plus the open quantity marked to market.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TradingEvent } from '../events';
import { Accounting } from './accounting';
import { accountView } from './account-view';
import { MemoryLedger } from './memory-ledger';
import { notionalMinorUnits, toMinorUnits } from './money';

const symbols = ['BTC/USDT:USDT', 'ETH/USDT:USDT'] as const;

type Step =
  | { kind: 'deposit'; amount: number }
  | { kind: 'withdrawal'; amount: number }
  | { kind: 'move'; symbolIndex: number; stepBps: number }
  | { kind: 'fill'; symbolIndex: number; buy: boolean; lots: number; reduceOnly: boolean; feeBps: number }
  | { kind: 'funding'; symbolIndex: number; rateBps: number }
  | { kind: 'liquidation'; symbolIndex: number; feeBps: number; gapBps: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deposit' as const),
      amount: fc.integer({ min: 1, max: 50_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('withdrawal' as const),
      amount: fc.integer({ min: 1, max: 20_000 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      symbolIndex: fc.integer({ min: 0, max: 1 }),
      stepBps: fc.integer({ min: -300, max: 300 }),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('fill' as const),
      symbolIndex: fc.integer({ min: 0, max: 1 }),
      buy: fc.boolean(),
      lots: fc.integer({ min: 1, max: 400 }),
      reduceOnly: fc.boolean(),
      feeBps: fc.integer({ min: -1, max: 5 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('funding' as const),
      symbolIndex: fc.integer({ min: 0, max: 1 }),
      rateBps: fc.integer({ min: -10, max: 10 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('liquidation' as const),
      symbolIndex: fc.integer({ min: 0, max: 1 }),
      feeBps: fc.integer({ min: 0, max: 50 }),
      gapBps: fc.integer({ min: 0, max: 2_000 }),
    }),
  },
);

/** Prices on a 0.1 tick, quantities in 0.001 lots, as a venue would send them. */
const tick = (price: number) => Math.max(0.1, Math.round(price * 10) / 10);
const lotsToQuantity = (lots: number) => Number((lots / 1000).toFixed(3));

interface Model {
  capital: bigint;
  tradeCashFlow: bigint;
  fees: bigint;
  funding: bigint;
  shortfall: bigint;
}

function run(steps: readonly Step[], leverage: number) {
  const accounting = new Accounting(new MemoryLedger(), { leverageOf: () => leverage });
  const prices = [30_000, 2_000];
  const model: Model = { capital: 0n, tradeCashFlow: 0n, fees: 0n, funding: 0n, shortfall: 0n };
  let clockMs = 1_700_000_000_000;
  steps.forEach((step, index) => {
    clockMs += 1_000;
    const base = { eventId: `e${index}`, accountId: 'acct', atMs: clockMs };
    let event: TradingEvent;
    const symbol = 'symbolIndex' in step ? symbols[step.symbolIndex] : symbols[0];
    const price = 'symbolIndex' in step ? prices[step.symbolIndex] : 0;
    const position = accounting.positionUnits('acct', symbol);
    switch (step.kind) {
      case 'move':
        prices[step.symbolIndex] = tick(price * (1 + step.stepBps / 10_000));
        return;
      case 'deposit':
      case 'withdrawal':
        event = { ...base, kind: step.kind, currency: 'USDT', amount: step.amount };
        break;
      case 'fill': {
        const quantity = lotsToQuantity(step.lots);
        const fee = Number(((quantity * price * step.feeBps) / 10_000).toFixed(8));
        event = {
          ...base,
          kind: 'fill',
          orderId: `o${index}`,
          symbol,
          side: step.buy ? 'buy' : 'sell',
          quantity,
          price,
          fee,
          liquidity: 'taker',
          reduceOnly: step.reduceOnly,
        };
        break;
      }
      case 'funding': {
        // longs pay a positive rate: amount = -position x mark x rate, from the account's side
        const notional = Number(notionalMinorUnits(position, price)) / 1e8;
        event = {
          ...base,
          kind: 'funding',
          symbol,
          amount: Number((-(notional * step.rateBps) / 10_000).toFixed(8)),
          rate: step.rateBps / 10_000,
          markPrice: price,
        };
        break;
      }
      case 'liquidation': {
        if (position === 0n) return;
        const quantity = Number(position < 0n ? -position : position) / 1e8;
        const adverse = tick(price * (1 + ((position > 0n ? -1 : 1) * step.gapBps) / 10_000));
        const fee = Number(((quantity * adverse * step.feeBps) / 10_000).toFixed(8));
        event = {
          ...base,
          kind: 'liquidation',
          symbol,
          side: position > 0n ? 'sell' : 'buy',
          quantity,
          price: adverse,
          fee,
        };
        break;
      }
    }
    const before = snapshot(accounting);
    const outcome = accounting.book(event);
    if (!outcome.ok) {
      // a refusal changes nothing at all
      expect(snapshot(accounting)).toEqual(before);
      expect(accounting.positionUnits('acct', symbol)).toBe(position);
      return;
    }
    if (outcome.duplicate) throw new Error('fresh events must not be duplicates');
    for (const transfer of outcome.transfers) expect(transfer.amount > 0n).toBe(true);
    model.shortfall += outcome.shortfallUnits;
    if (event.kind === 'deposit') model.capital += toMinorUnits(event.amount);
    if (event.kind === 'withdrawal') model.capital -= toMinorUnits(event.amount);
    if (event.kind === 'funding') model.funding += toMinorUnits(event.amount);
    if (event.kind === 'fill' || event.kind === 'liquidation') {
      const after = accounting.positionUnits('acct', symbol);
      const signed = event.side === 'buy' ? toMinorUnits(event.quantity) : -toMinorUnits(event.quantity);
      expect(after).toBe(position + signed);
      if (event.kind === 'liquidation' || event.reduceOnly) {
        // no position grows (or flips) under reduce-only
        expect(abs(after) <= abs(position)).toBe(true);
        expect(after === 0n || after > 0n === position > 0n).toBe(true);
      }
      model.fees += toMinorUnits(event.fee);
      // the closing part and the opening part are separate trades, each notional rounded once
      const closes = position !== 0n && position > 0n !== signed > 0n;
      const closing = closes ? (abs(signed) < abs(position) ? abs(signed) : abs(position)) : 0n;
      const opening = abs(signed) - closing;
      const direction = signed > 0n ? -1n : 1n; // buying pays notional, selling receives it
      model.tradeCashFlow +=
        direction * (notionalMinorUnits(closing, event.price) + notionalMinorUnits(opening, event.price));
    }
    checkInvariants(accounting, model, prices);
  });
  return { accounting, model, prices };
}

function checkInvariants(accounting: Accounting, model: Model, prices: number[]): void {
  const ledger = accounting.ledger;
  let debits = 0n;
  let credits = 0n;
  for (const account of ledger.accounts()) {
    debits += account.debitsPosted;
    credits += account.creditsPosted;
  }
  const moved = ledger.transfers().reduce((sum, t) => sum + t.amount, 0n);
  // every transfer balances: total debits = total credits = total moved
  expect(debits).toBe(moved);
  expect(credits).toBe(moved);
  const marks = { [symbols[0]]: prices[0], [symbols[1]]: prices[1] };
  const view = accountView(accounting, 'acct', 'USDT', marks);
  // balances sum to the deposits: cash + margin = capital + realised - fees + funding
  expect(view.capitalUnits).toBe(model.capital);
  expect(view.cashUnits + view.marginUnits).toBe(
    view.capitalUnits + view.realisedUnits - view.feesUnits + view.fundingUnits,
  );
  expect(view.cashUnits >= 0n && view.marginUnits >= 0n).toBe(true);
  // equity = cash + margin + unrealised
  expect(view.equityUnits).toBe(view.cashUnits + view.marginUnits + view.unrealisedUnits);
  // realised + unrealised - fees + funding = equity change (the shortfall is what was not paid)
  expect(view.realisedUnits + view.unrealisedUnits - view.feesUnits + view.fundingUnits).toBe(
    view.equityUnits - view.capitalUnits,
  );
  let marked = model.tradeCashFlow;
  for (const symbol of symbols)
    marked += notionalMinorUnits(accounting.positionUnits('acct', symbol), marks[symbol]);
  // what went unpaid (the shortfall, absorbed by the venue's insurance fund) is a loss the account
  // did not bear: equity is above the model's PnL by exactly that much
  expect(view.equityUnits - view.capitalUnits - model.shortfall).toBe(marked - model.fees + model.funding);
}

function snapshot(accounting: Accounting) {
  return (
    [...accounting.ledger.accounts()].map((a) => `${a.id}:${a.debitsPosted}:${a.creditsPosted}`).join('|') +
    `#${accounting.ledger.transferCount}`
  );
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

describe('Accounting properties over random order streams and price paths', () => {
  it('keeps every invariant after every event', () => {
    fc.assert(
      fc.property(
        fc.array(stepArbitrary, { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 50 }),
        (steps, leverage) => {
          run([{ kind: 'deposit', amount: 20_000 }, ...steps], leverage);
        },
      ),
      {
        numRuns: 300,
        // a liquidation past the margin with almost no cash: the unpaid part is a shortfall
        examples: [
          [
            [
              { kind: 'withdrawal', amount: 19_965 },
              { kind: 'fill', symbolIndex: 0, buy: false, lots: 7, reduceOnly: false, feeBps: 0 },
              { kind: 'liquidation', symbolIndex: 0, feeBps: 0, gapBps: 1_667 },
            ],
            6,
          ],
        ],
      },
    );
  });

  it('books the same stream to the same transfers, byte for byte', () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 1, maxLength: 60 }), (steps) => {
        const first = run([{ kind: 'deposit', amount: 5_000 }, ...steps], 20).accounting.ledger.transfers();
        const second = run([{ kind: 'deposit', amount: 5_000 }, ...steps], 20).accounting.ledger.transfers();
        expect(second).toEqual(first);
      }),
      { numRuns: 50 },
    );
  });
});
