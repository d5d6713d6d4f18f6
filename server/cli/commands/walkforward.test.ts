// `patchdesk walkforward` in a child process over 40 days of hourly bars: --json equals
// runWalkForward in-process (the params per window, the out-of-sample numbers, the stitched
// curve, the verdict); bad spans and too little data are one clear line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { examplePatch } from '../../backtest/testing';
import { planSweep } from '../../backtest/sweep/sweep-spec';
import { dayMs, hourlyBars } from '../../backtest/sweep/testing';
import { runWalkForward } from '../../backtest/sweep/walk-forward';
import { hasStackTrace, runCli, tempDir } from '../testing';

const patchPath = 'patches/ema-cross-rsi.json';
const bars = hourlyBars(40);

function barsFile(): string {
  const path = join(tempDir(), 'hourly.csv');
  const rows = ['time,open,high,low,close,volume'];
  for (let i = 0; i < bars.length; i++) {
    rows.push(
      [
        new Date(bars.timeMs[i]).toISOString(),
        bars.open[i],
        bars.high[i],
        bars.low[i],
        bars.close[i],
        bars.volume[i],
      ].join(','),
    );
  }
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

describe('patchdesk walkforward', () => {
  it('--json: the same windows, params and stitched equity as in-process', async () => {
    const file = barsFile();
    const result = await runCli([
      'walkforward',
      '--local',
      patchPath,
      '--bars',
      file,
      '--param',
      'ema-fast.period=4:12:4',
      '--param',
      'ema-slow.period=20:30:10',
      '--in-sample',
      '15d',
      '--out-of-sample',
      '5d',
      '--threads',
      '2',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as {
      windows: {
        params: Record<string, number>;
        outOfSampleSharpe: number | null;
        outOfSample: { account: unknown };
      }[];
      stitched: { timeMs: number[]; equity: number[] };
      outOfSampleReturn: number;
      verdict: unknown;
    };
    const patch = examplePatch();
    const plan = planSweep(patch, createBuiltinRegistry(), {
      params: [
        { module: 'ema-fast', param: 'period', from: 4, to: 12, step: 4 },
        { module: 'ema-slow', param: 'period', from: 20, to: 30, step: 10 },
      ],
    });
    const expected = await runWalkForward({
      patch,
      plan,
      data: { bars },
      inSampleMs: 15 * dayMs,
      outOfSampleMs: 5 * dayMs,
    });
    expect(out.windows).toHaveLength(5);
    expect(out.windows.map((w) => w.params)).toEqual(expected.windows.map((w) => w.params));
    expect(out.windows.map((w) => w.outOfSampleSharpe)).toEqual(
      expected.windows.map((w) => w.outOfSampleSharpe),
    );
    expect(out.windows.map((w) => w.outOfSample.account)).toEqual(
      expected.windows.map((w) => w.outOfSample.account),
    );
    expect(out.stitched).toEqual(expected.stitched);
    expect(out.outOfSampleReturn).toBe(expected.outOfSampleReturn);
    expect(out.verdict).toEqual(JSON.parse(JSON.stringify(expected.verdict)));
  });

  it.each([
    [
      ['--in-sample', '15x', '--out-of-sample', '5d'],
      2,
      /--in-sample 15x: expected a positive number and m, h or d/,
    ],
    [
      ['--in-sample', '30d', '--out-of-sample', '20d'],
      1,
      /less than one in-sample plus out-of-sample window/,
    ],
  ])('refuses %j with a clear line', async (flags, code, message) => {
    const result = await runCli([
      'walkforward',
      '--local',
      patchPath,
      '--bars',
      'patches/data/btc-usdt-perp-1m-sample.csv',
      '--param',
      'ema-fast.period=4:12:4',
      ...flags,
    ]);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});
