import { describe, expect, it } from 'vitest';
import { riskCodeNumber } from '../../sdk/risk-codes';
import { createModuleHarness } from '../../sdk/testing';
import { buy, sell } from './internal/test-intents';
import { maxDrawdown } from './max-drawdown';

describe('risk/max-drawdown', () => {
  it('tracks the peak and halts new entries past the max, for good', () => {
    const harness = createModuleHarness(maxDrawdown, { maxDrawdown: 0.1 });
    const equity = [1_000, 1_200, 1_100, 1_080, 1_079, 1_300];
    // Peak 1 200 from the 2nd value: drawdowns 0, 0, 1/12, 0.1 (not past), 0.10083 (past), then halted.
    const drawdowns = equity.map((value) => harness.step({ equity: value }, { changed: ['equity'] }).outputs);
    expect(drawdowns.map((outputs) => outputs.drawdown)).toEqual([
      0,
      0,
      1 - 1_100 / 1_200,
      1 - 1_080 / 1_200,
      1 - 1_079 / 1_200,
      0,
    ]);
    expect(drawdowns.map((outputs) => outputs.halted)).toEqual([false, false, false, false, true, true]);
    // Equity-only steps never carry an intent.
    expect(drawdowns.every((outputs) => outputs.out === null)).toBe(true);
    const blocked = harness.step({ in: buy(1) }, { changed: ['in'] });
    expect(blocked.outputs).toMatchObject({
      out: null,
      blocked: true,
      code: riskCodeNumber('DRAWDOWN_EXCEEDS_MAX'),
    });
    expect(harness.state).toMatchObject({ denial: { drawdown: 1 - 1_079 / 1_200, max: 0.1 } });
    // Closing still works.
    const close = sell(1, { reduceOnly: true });
    expect(harness.step({ in: close }, { changed: ['in'] }).outputs.out).toBe(close);
  });

  it('lifts the halt on reset, restarting the peak', () => {
    const harness = createModuleHarness(maxDrawdown, { maxDrawdown: 0.1 });
    harness.step({ equity: 1_000 });
    harness.step({ equity: 800 });
    const reset = harness.step({ reset: true, equity: 800 });
    expect(reset.outputs).toMatchObject({ halted: false, drawdown: 0 });
    expect(harness.step({ in: buy(1) }, { changed: ['in'] }).outputs.blocked).toBe(false);
  });

  it('fails closed before it has seen equity', () => {
    const harness = createModuleHarness(maxDrawdown);
    expect(harness.step({ in: buy(1) }).outputs.code).toBe(riskCodeNumber('EQUITY_MISSING'));
  });
});
