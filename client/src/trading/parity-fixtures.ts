// Test support: parity reports as TradeHub.parity answers them (contracts/parity.ts).
import type { ParityFill, ParityReport } from '@patchdesk/modules/contracts/parity';

export function parityFill(fields: Partial<ParityFill> = {}): ParityFill {
  return {
    timeMs: 1_700_000_040_000,
    side: 'buy',
    price: 50_000.5,
    quantity: 0.01,
    fee: 0.25,
    liquidation: false,
    clientOrderId: 'e1',
    ...fields,
  };
}

export function parityReport(fields: Partial<ParityReport> = {}): ParityReport {
  return {
    runId: 'demo:abc',
    patchName: 'demo',
    patchHash: '0123456789abcdef0123',
    recordingState: 'complete',
    ticksRecorded: 432,
    ticksReplayed: 432,
    identical: true,
    verdict: 'identical over 432 ticks',
    firstDivergence: null,
    edits: [],
    fills: { recorded: 3, replayed: 3, differing: 0, differences: [] },
    orders: { recorded: 3, replayed: 3, firstDifference: null },
    ...fields,
  };
}

/** A report whose run and backtest part at tick 12 (an EMA's value) with one fill 0.5 dearer. */
export function divergingReport(): ParityReport {
  return parityReport({
    identical: false,
    verdict: 'differs at tick 12: ema-fast.out 101.5 vs 101.25',
    ticksReplayed: 13,
    firstDivergence: {
      kind: 'value',
      tick: 12,
      timeMs: 1_700_000_720_000,
      moduleId: 'ema-fast',
      port: 'out',
      recorded: '101.5',
      replayed: '101.25',
    },
    fills: {
      recorded: 3,
      replayed: 3,
      differing: 1,
      differences: [
        {
          index: 0,
          recorded: parityFill(),
          replayed: parityFill({ price: 50_001 }),
          priceDifference: 0.5,
          timeDifferenceMs: 0,
        },
      ],
    },
  });
}
