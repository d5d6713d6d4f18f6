// A parity report (contracts/parity.ts) in the words the Trading panel shows: what kind of
// divergence came first and where, and each differing fill as "recorded vs replayed". Pure, so
// the panel's text is tested without a browser.
import type {
  ParityDivergenceKind,
  ParityFill,
  ParityFillDifference,
  ParityReport,
} from '@patchdesk/modules/contracts/parity';
import { formatBarTime } from './format-trading';

const kindWords: Record<ParityDivergenceKind, string> = {
  value: 'an output value differs',
  time: 'the tick fell at another time',
  bar: 'another bar (or none) was delivered',
  'missing-tick': 'the backtest ended before the run did',
  'missing-port': "the port is not in the backtest's patch (a hot edit added it)",
};

export function describeDivergenceKind(kind: ParityDivergenceKind): string {
  return kindWords[kind];
}

/** "+0.5" / "-2": a difference with its sign, as the CLI prints it. */
export function signedNumber(value: number): string {
  return value >= 0 ? `+${value}` : String(value);
}

/** One fill in a line: side, size at price, fee and when. */
export function describeParityFill(fill: ParityFill | null): string {
  if (!fill) return 'none';
  const liquidation = fill.liquidation ? ' (liquidation)' : '';
  // exact figures (String round-trips a double): a rounded price would hide a real difference
  return `${fill.side} ${fill.quantity} @ ${fill.price}, fee ${fill.fee}, ${formatBarTime(fill.timeMs)}${liquidation}`;
}

/** How a fill pair differs: price and time, or which side has no fill. */
export function describeFillDifference(difference: ParityFillDifference): string {
  if (difference.recorded === null) return 'only in the backtest';
  if (difference.replayed === null) return 'missing from the backtest';
  const price = `price ${signedNumber(difference.priceDifference ?? 0)}`;
  return `${price}, time ${signedNumber(difference.timeDifferenceMs ?? 0)} ms`;
}

/** The headline over the details: identical, or how many ticks agreed before they parted. */
export function parityHeadline(report: ParityReport): string {
  if (report.identical) return `identical over ${report.ticksReplayed} ticks`;
  const first = report.firstDivergence;
  if (first) return `differs from tick ${first.tick}: ${describeDivergenceKind(first.kind)}`;
  return `differs: ${report.verdict}`;
}
