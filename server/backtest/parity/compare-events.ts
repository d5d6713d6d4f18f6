// Fills and order events of the recorded run against the backtest's, pair by pair in order.
import {
  parityFillDifferencesMax,
  type ParityFill,
  type ParityFillDifference,
  type ParityReport,
} from '@patchdesk/modules/contracts/parity';
import type { RecordingEvent } from './recording-types';

type FillEvent = Extract<RecordingEvent, { kind: 'fill' }>;
type OrderEvent = Extract<RecordingEvent, { kind: 'order' }>;

export function compareFills(
  recorded: readonly RecordingEvent[],
  replayed: readonly RecordingEvent[],
): ParityReport['fills'] {
  const a = recorded.filter((e): e is FillEvent => e.kind === 'fill').map(fillOf);
  const b = replayed.filter((e): e is FillEvent => e.kind === 'fill').map(fillOf);
  const differences: ParityFillDifference[] = [];
  let differing = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const left = a[i] ?? null;
    const right = b[i] ?? null;
    if (left && right && sameFill(left, right)) continue;
    differing++;
    if (differences.length >= parityFillDifferencesMax) continue;
    differences.push({
      index: i,
      recorded: left,
      replayed: right,
      priceDifference: left && right ? right.price - left.price : null,
      timeDifferenceMs: left && right ? right.timeMs - left.timeMs : null,
    });
  }
  return { recorded: a.length, replayed: b.length, differing, differences };
}

export function compareOrders(
  recorded: readonly RecordingEvent[],
  replayed: readonly RecordingEvent[],
): ParityReport['orders'] {
  const a = recorded.filter((e): e is OrderEvent => e.kind === 'order').map(orderText);
  const b = replayed.filter((e): e is OrderEvent => e.kind === 'order').map(orderText);
  let firstDifference: ParityReport['orders']['firstDifference'] = null;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    firstDifference = { index: i, recorded: a[i] ?? null, replayed: b[i] ?? null };
    break;
  }
  return { recorded: a.length, replayed: b.length, firstDifference };
}

function fillOf(event: FillEvent): ParityFill {
  return { timeMs: event.atMs, ...event.payload };
}

function sameFill(a: ParityFill, b: ParityFill): boolean {
  return (
    Object.is(a.price, b.price) &&
    a.timeMs === b.timeMs &&
    Object.is(a.quantity, b.quantity) &&
    Object.is(a.fee, b.fee) &&
    a.side === b.side &&
    a.liquidation === b.liquidation &&
    a.clientOrderId === b.clientOrderId
  );
}

function orderText(event: OrderEvent): string {
  return `tick ${event.tick}: ${event.payload.clientOrderId} ${event.payload.change} at ${event.atMs}`;
}
