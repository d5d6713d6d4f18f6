// `patchdesk sweep` in a child process: --json equals runSweep in-process; bad flags are one
// clear line with the usage exit code.
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { examplePatch, sampleBars } from '../../backtest/testing';
import { runSweep } from '../../backtest/sweep/sweep';
import { planSweep } from '../../backtest/sweep/sweep-spec';
import { hasStackTrace, runCli } from '../testing';

const patchPath = 'patches/ema-cross-rsi.json';
const barsPath = 'patches/data/btc-usdt-perp-1m-sample.csv';

describe('patchdesk sweep', () => {
  it('--json: every run with the in-process numbers, and the best', async () => {
    const result = await runCli([
      'sweep',
      '--local',
      patchPath,
      '--bars',
      barsPath,
      '--param',
      'ema-fast.period=6:12:3',
      '--param',
      'ema-slow.period=20:40:20',
      '--objective',
      'totalReturn',
      '--taker-fee',
      '0.0004',
      '--threads',
      '2',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as {
      status: string;
      objective: string;
      runs: { params: Record<string, number>; metrics: unknown; account: unknown }[];
      best: { params: Record<string, number> };
      patchHash: string;
    };
    const patch = examplePatch();
    const plan = planSweep(patch, createBuiltinRegistry(), {
      params: [
        { module: 'ema-fast', param: 'period', from: 6, to: 12, step: 3 },
        { module: 'ema-slow', param: 'period', from: 20, to: 40, step: 20 },
      ],
      objective: 'totalReturn',
    });
    const expected = await runSweep({
      patch,
      plan,
      data: { bars: sampleBars() },
      model: { takerFee: 0.0004 },
    });
    expect(out.status).toBe('completed');
    expect(out.objective).toBe('totalReturn');
    expect(out.runs.map((r) => r.params)).toEqual(expected.runs.map((r) => r.params));
    expect(out.runs.map((r) => r.metrics)).toEqual(
      expected.runs.map((r) => JSON.parse(JSON.stringify(r.result.metrics))),
    );
    expect(out.runs.map((r) => r.account)).toEqual(expected.runs.map((r) => r.result.account));
    expect(out.best.params).toEqual(expected.best?.params);
    expect(out.patchHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    [
      ['--param', 'ema-fast.period=0:12:3'],
      /ema-fast\.period: from 0 is outside the param's range \[2, 10000\]/,
    ],
    [
      ['--param', 'ema-fast.period=6-12'],
      /--param ema-fast\.period=6-12: expected MODULE\.PARAM=FROM:TO:STEP/,
    ],
    [['--param', 'nope.period=6:12:3'], /the patch has no module 'nope'/],
    [['--param', 'ema-fast.period=6:12:3', '--objective', 'luck'], /objective: /],
    [['--param', 'ema-fast.period=6:12:3', '--threads', '0'], /--threads 0: must be 1 to 64/],
  ])('refuses %j with a clear line', async (flags, message) => {
    const result = await runCli(['sweep', patchPath, '--bars', barsPath, ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(result.stdout).toBe('');
  });
});
