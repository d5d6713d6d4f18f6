// A risk event as the hubs and the editor show it: the denial's code and figures, and a
// sentence a person reads without knowing the codes.
import type { TradeRiskEvent } from '@patchdesk/modules/contracts/trading';
import type { RiskDenial } from '@patchdesk/modules/sdk/risk-codes';
import type { RiskEvent } from '@patchdesk/modules/sdk/trading-feed';

export function riskEventOf(event: RiskEvent): TradeRiskEvent {
  const denial: RiskDenial = { ...event.denial };
  const intent = event.intent;
  const what = intent
    ? `${intent.action} ${intent.side} ${intent.quantity} ${intent.symbol} (${intent.tag})`
    : null;
  return {
    atMs: event.atMs,
    source: event.source,
    code: denial.code,
    message: what ? `${describeDenial(denial)}: ${what}` : describeDenial(denial),
    denial,
  };
}

export function describeDenial(denial: RiskDenial): string {
  switch (denial.code) {
    case 'QUANTITY_NOT_POSITIVE':
      return `quantity ${denial.quantity} is not above 0`;
    case 'PRICE_NOT_FINITE':
      return `${denial.field} ${denial.price} is not a price`;
    case 'SYMBOL_UNKNOWN':
      return `${denial.symbol} is not traded by this run`;
    case 'QUANTITY_BELOW_MIN':
      return `quantity ${denial.quantity} is below the minimum ${denial.min}`;
    case 'NOTIONAL_BELOW_MIN':
      return `notional ${denial.notional} is below the minimum ${denial.min}`;
    case 'POSITION_EXCEEDS_MAX':
      return `position ${denial.position} would exceed the maximum ${denial.max}`;
    case 'NOTIONAL_EXCEEDS_MAX':
      return `notional ${denial.notional} would exceed the maximum ${denial.max}`;
    case 'LEVERAGE_EXCEEDS_MAX':
      return `leverage ${denial.leverage} would exceed the maximum ${denial.max}`;
    case 'DRAWDOWN_EXCEEDS_MAX':
      return `drawdown ${denial.drawdown} is past the maximum ${denial.max}: new entries halted`;
    case 'ORDER_RATE_EXCEEDS_MAX':
      return `${denial.orders} orders in ${denial.windowMs} ms is past the maximum ${denial.max}`;
    case 'PRICE_OUTSIDE_BAND':
      return `price ${denial.price} is ${denial.deviation} from the mark ${denial.mark} (maximum ${denial.max})`;
    case 'DATA_STALE':
      return `market data is ${denial.ageMs} ms old (maximum ${denial.maxAgeMs})`;
    case 'KILL_SWITCH_ON':
      return 'the kill switch is on';
    case 'PRICE_MISSING':
      return 'no price yet';
    case 'EQUITY_MISSING':
      return 'no equity yet';
    case 'NO_BROKER':
      return 'the run has no broker (start it in paper mode to trade)';
    case 'OUTBOX_FULL':
      return `more than ${denial.capacity} intents in one tick`;
    case 'ORDER_NOT_WORKING':
      return 'the module has no working order to change';
  }
}
