// Maps trading events to balanced transfers (the chart is in chart-of-accounts.ts, the worked
// example in README.md) and keeps the one thing that is not money: each position's signed
// quantity. Cost basis and margin live in the ledger. Pure and synchronous: the same events in
// the same order give the same transfers, byte for byte.
//
// A fill closes first and opens with the rest (one-way mode, average cost):
//   close r units of a position of p units: release margin x r/p and basis x r/p (half-even;
//   all of it when the position closes), realised = exit notional - released basis (long) or
//   released basis - exit notional (short);
//   then the fee; then open the rest: basis = notional, margin = notional / leverage (half-even).
// A loss, fee or funding payment larger than the cash is booked up to the cash (funding then
// from the symbol's margin) and the rest is reported as `shortfallUnits` (what the venue's
// insurance fund absorbs). Opening without the cash for its margin is refused.
import {
  settleCurrencyOf,
  type DepositRecorded,
  type FundingPaid,
  type OrderFilled,
  type PositionLiquidated,
  type TradingEvent,
  type WithdrawalRecorded,
} from '../events';
import type { AccountSpec, CreateTransferResult, Transfer } from './ledger-types';
import type { MemoryLedger } from './memory-ledger';
import { divideHalfEven, multiplyDivideHalfEven, notionalMinorUnits, toMinorUnits } from './money';
import { TransferPlan } from './transfer-plan';

export interface PositionQuantity {
  accountId: string;
  symbol: string;
  /** Signed, in quantity units (1e-8 of the base asset); long > 0. */
  quantityUnits: bigint;
}

export interface EventBooked {
  ok: true;
  duplicate: false;
  eventId: string;
  accountsCreated: AccountSpec[];
  transfers: Transfer[];
  /** Positions this event changed, after the event. */
  positions: PositionQuantity[];
  shortfallUnits: bigint;
}

export interface EventAlreadyBooked {
  ok: true;
  duplicate: true;
  eventId: string;
}

export type AccountingRefusal =
  | { ok: false; code: 'REDUCE_ONLY_WOULD_GROW'; eventId: string; positionUnits: bigint; fillUnits: bigint }
  | { ok: false; code: 'NO_POSITION_TO_LIQUIDATE'; eventId: string; positionUnits: bigint; fillUnits: bigint }
  | { ok: false; code: 'INSUFFICIENT_CASH'; eventId: string; requiredUnits: bigint; availableUnits: bigint }
  | { ok: false; code: 'QUANTITY_BELOW_ONE_UNIT'; eventId: string; quantity: number }
  | {
      ok: false;
      code: 'LEDGER_REFUSED';
      eventId: string;
      failures: { transferId: string; result: CreateTransferResult }[];
    };

export type AccountingOutcome = EventBooked | EventAlreadyBooked | AccountingRefusal;

export interface AccountingOptions {
  /** Initial-margin leverage for a symbol of an account: an integer from 1 to 1000. */
  leverageOf(accountId: string, symbol: string): number;
}

const defaultOptions: AccountingOptions = { leverageOf: () => 10 };

type Planned = { plan: TransferPlan; positions: PositionQuantity[] } | AccountingRefusal;

export class Accounting {
  readonly ledger: MemoryLedger;
  readonly #options: AccountingOptions;
  readonly #positions = new Map<string, PositionQuantity>();
  readonly #bookedEventIds = new Set<string>();

  constructor(ledger: MemoryLedger, options: AccountingOptions = defaultOptions) {
    this.ledger = ledger;
    this.#options = options;
  }

  /** Restores position quantities and booked event ids (from the journal) over a rebuilt ledger. */
  restore(positions: Iterable<PositionQuantity>, bookedEventIds: Iterable<string>): void {
    for (const position of positions)
      this.#positions.set(positionKey(position.accountId, position.symbol), position);
    for (const id of bookedEventIds) this.#bookedEventIds.add(id);
    for (const transfer of this.ledger.transfers()) this.#bookedEventIds.add(transfer.eventId);
  }

  positionUnits(accountId: string, symbol: string): bigint {
    return this.#positions.get(positionKey(accountId, symbol))?.quantityUnits ?? 0n;
  }

  positions(): PositionQuantity[] {
    return [...this.#positions.values()];
  }

  isBooked(eventId: string): boolean {
    return this.#bookedEventIds.has(eventId);
  }

  book(event: TradingEvent): AccountingOutcome {
    if (this.#bookedEventIds.has(event.eventId)) return { ok: true, duplicate: true, eventId: event.eventId };
    const planned = this.#plan(event);
    if ('ok' in planned) return planned;
    const { plan, positions } = planned;
    const accountFailures = this.ledger.createAccounts(plan.accounts);
    if (accountFailures.length > 0) {
      throw new Error(
        `ledger: could not create accounts for ${event.eventId}: ${JSON.stringify(accountFailures)}`,
      );
    }
    const transfers = plan.chain();
    const failures = this.ledger.createTransfers(transfers);
    if (failures.length > 0) {
      return {
        ok: false,
        code: 'LEDGER_REFUSED',
        eventId: event.eventId,
        failures: failures.map((f) => ({ transferId: transfers[f.index].id, result: f.result })),
      };
    }
    for (const position of positions)
      this.#positions.set(positionKey(position.accountId, position.symbol), position);
    this.#bookedEventIds.add(event.eventId);
    return {
      ok: true,
      duplicate: false,
      eventId: event.eventId,
      accountsCreated: plan.accounts,
      transfers,
      positions,
      shortfallUnits: plan.shortfallUnits,
    };
  }

  #plan(event: TradingEvent): Planned {
    switch (event.kind) {
      case 'deposit':
        return this.#deposit(event);
      case 'withdrawal':
        return this.#withdrawal(event);
      case 'fill':
        return this.#trade(event, event.reduceOnly, 'tradingFee');
      case 'liquidation':
        return this.#trade(event, true, 'liquidationFee');
      case 'funding':
        return this.#funding(event);
    }
  }

  #deposit(event: DepositRecorded): Planned {
    const plan = new TransferPlan(this.ledger, event.accountId, event.currency, event.eventId, event.atMs);
    plan.move(
      'deposit',
      plan.account('cash'),
      plan.account('capital'),
      toMinorUnits(event.amount),
      'deposit',
    );
    return { plan, positions: [] };
  }

  #withdrawal(event: WithdrawalRecorded): Planned {
    const plan = new TransferPlan(this.ledger, event.accountId, event.currency, event.eventId, event.atMs);
    const cash = plan.account('cash');
    const amount = toMinorUnits(event.amount);
    const available = plan.debitBalanceOf(cash);
    if (amount > available) {
      return {
        ok: false,
        code: 'INSUFFICIENT_CASH',
        eventId: event.eventId,
        requiredUnits: amount,
        availableUnits: available,
      };
    }
    plan.move('withdrawal', plan.account('capital'), cash, amount, 'withdrawal');
    return { plan, positions: [] };
  }

  #trade(
    event: OrderFilled | PositionLiquidated,
    reduceOnly: boolean,
    feeCode: 'tradingFee' | 'liquidationFee',
  ): Planned {
    const { eventId, accountId, symbol } = event;
    const units = toMinorUnits(event.quantity);
    if (units <= 0n) return { ok: false, code: 'QUANTITY_BELOW_ONE_UNIT', eventId, quantity: event.quantity };
    const signed = event.side === 'buy' ? units : -units;
    const position = this.positionUnits(accountId, symbol);
    const closes = position !== 0n && position > 0n !== signed > 0n;
    const closing = closes ? min(units, abs(position)) : 0n;
    if (reduceOnly && (!closes || units > abs(position))) {
      const code = event.kind === 'liquidation' ? 'NO_POSITION_TO_LIQUIDATE' : 'REDUCE_ONLY_WOULD_GROW';
      return { ok: false, code, eventId, positionUnits: position, fillUnits: signed };
    }
    const plan = new TransferPlan(this.ledger, accountId, settleCurrencyOf(symbol), eventId, event.atMs);
    const cash = plan.account('cash');
    const margin = plan.account('margin', symbol);
    const basisAccount = plan.account('position', symbol);
    const contra = plan.account('positionContra', symbol);
    if (closing > 0n) {
      const basis = plan.debitBalanceOf(basisAccount); // signed: long > 0
      const locked = plan.debitBalanceOf(margin);
      const whole = closing === abs(position);
      const released = whole ? abs(basis) : multiplyDivideHalfEven(abs(basis), closing, abs(position));
      const marginReleased = whole ? locked : multiplyDivideHalfEven(locked, closing, abs(position));
      const exit = notionalMinorUnits(closing, event.price);
      plan.move('margin-release', cash, margin, marginReleased, 'marginReleased');
      if (position > 0n) plan.move('basis-close', contra, basisAccount, released, 'positionClosed');
      else plan.move('basis-close', basisAccount, contra, released, 'positionClosed');
      const realised = position > 0n ? exit - released : released - exit;
      const realisedAccount = plan.account('realisedPnl');
      if (realised > 0n) plan.move('realised', cash, realisedAccount, realised, 'realisedPnl');
      else plan.pay('realised', realisedAccount, [cash], -realised, 'realisedPnl');
    }
    const fee = toMinorUnits(event.fee);
    const fees = plan.account('fees');
    if (fee > 0n) plan.pay('fee', fees, [cash], fee, feeCode);
    else plan.move('fee', cash, fees, -fee, feeCode);
    const opening = units - closing;
    if (opening > 0n) {
      const notional = notionalMinorUnits(opening, event.price);
      const marginRequired = divideHalfEven(notional, BigInt(this.#leverage(accountId, symbol)));
      const available = plan.debitBalanceOf(cash);
      if (marginRequired > available) {
        return {
          ok: false,
          code: 'INSUFFICIENT_CASH',
          eventId,
          requiredUnits: marginRequired,
          availableUnits: available,
        };
      }
      if (signed > 0n) plan.move('basis-open', basisAccount, contra, notional, 'positionOpened');
      else plan.move('basis-open', contra, basisAccount, notional, 'positionOpened');
      plan.move('margin-lock', margin, cash, marginRequired, 'marginLocked');
    }
    return { plan, positions: [{ accountId, symbol, quantityUnits: position + signed }] };
  }

  #funding(event: FundingPaid): Planned {
    const plan = new TransferPlan(
      this.ledger,
      event.accountId,
      settleCurrencyOf(event.symbol),
      event.eventId,
      event.atMs,
    );
    const amount = toMinorUnits(event.amount);
    const cash = plan.account('cash');
    const funding = plan.account('fundingPnl');
    if (amount > 0n) plan.move('funding', cash, funding, amount, 'fundingPayment');
    else if (amount < 0n)
      plan.pay('funding', funding, [cash, plan.account('margin', event.symbol)], -amount, 'fundingPayment');
    return { plan, positions: [] };
  }

  #leverage(accountId: string, symbol: string): number {
    const leverage = this.#options.leverageOf(accountId, symbol);
    if (!Number.isInteger(leverage) || leverage < 1 || leverage > 1000) {
      throw new RangeError(
        `ledger: leverage for ${symbol} must be an integer from 1 to 1000, got ${leverage}`,
      );
    }
    return leverage;
  }
}

function positionKey(accountId: string, symbol: string): string {
  return `${accountId}\u0000${symbol}`;
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
