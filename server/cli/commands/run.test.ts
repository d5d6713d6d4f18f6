import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import { parseBarCsv } from '../../market/bar-csv';
import { Run } from '../../engine/run';
import { hasStackTrace, repoRoot, runCli, tempDir } from '../testing';

const patchPath = 'patches/ema-cross-rsi.json';
const sampleLines = readFileSync(join(repoRoot, 'patches/data/btc-usdt-perp-1m-sample.csv'), 'utf8').split(
  '\n',
);

/** The first `count` bars of the sample as a CSV file. */
function barsFile(count: number): string {
  const path = join(tempDir(), 'bars.csv');
  writeFileSync(path, `${sampleLines.slice(0, count + 1).join('\n')}\n`);
  return path;
}

describe('patchdesk run', () => {
  it("writes one CSV row per bar, probing the final modules' outputs by default", async () => {
    const result = await runCli(['run', patchPath, '--bars', barsFile(40)]);
    expect(result.code).toBe(0);
    const rows = result.stdout.trim().split('\n');
    // The demo's final modules: the short signal (it trades the long side only) and the broker sink.
    expect(rows[0]).toBe('time,short.out,broker.sent,broker.refused,broker.code');
    expect(rows).toHaveLength(41);
    expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(
      sampleLines.slice(1, 41).map((line) => line.split(',')[0]),
    );
    // The sink's counts are blank until its first intent, then whole numbers.
    for (const row of rows.slice(1)) expect(row).toMatch(/^[^,]+,[01],\d*,\d*,\d*$/);
    expect(result.stderr).toMatch(/^ran 40 bars in [\d.]+ s, 4 probe\(s\)\n$/);
  });

  it('--probe, --out and --json: the file holds exactly what the Run API computes', async () => {
    const bars = barsFile(300);
    const out = join(tempDir(), 'probes.csv');
    const result = await runCli([
      'run',
      patchPath,
      '--bars',
      bars,
      '--probe',
      'rsi.out',
      'ema-fast.out',
      '--out',
      out,
      '--json',
    ]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      bars: { count: number };
      probes: { key: string; samples: number }[];
    };
    expect(summary.bars.count).toBe(300);
    expect(summary.probes.map((probe) => [probe.key, probe.samples])).toEqual([
      ['rsi.out', 300 - 14],
      ['ema-fast.out', 300 - 11],
    ]);

    const parsed = parsePatchJson(readFileSync(join(repoRoot, patchPath), 'utf8'));
    if (!parsed.ok) throw new Error('example patch does not parse');
    const run = new Run({
      patch: parsed.patch,
      registry: createBuiltinRegistry(),
      bars: parseBarCsv(readFileSync(bars, 'utf8')),
      pacing: { kind: 'virtual' },
    });
    const expected = ['time,rsi.out,ema-fast.out'];
    run.events.on('tick', (_timeMs, bar) => {
      const cell = (key: string) => (Number.isNaN(run.kernel.read(key)) ? '' : String(run.kernel.read(key)));
      if (bar)
        expected.push(`${new Date(bar.timeMs).toISOString()},${cell('rsi.out')},${cell('ema-fast.out')}`);
    });
    await run.start();
    expect(readFileSync(out, 'utf8')).toBe(`${expected.join('\n')}\n`);
  });

  it('refuses an invalid patch with its problems, exit 1', async () => {
    const path = join(tempDir(), 'cycle.json');
    const patch = JSON.parse(readFileSync(join(repoRoot, patchPath), 'utf8')) as { cables: unknown[] };
    patch.cables.push({ from: { module: 'long', port: 'out' }, to: { module: 'short', port: 'a' } });
    writeFileSync(path, JSON.stringify(patch));
    const result = await runCli(['run', path, '--bars', barsFile(5)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /cannot run \(1 problem\(s\)\):\n {2}INPUT_ALREADY_CONNECTED \(module short port a/,
    );
    expect(result.stdout).toBe('');
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('names the line of a malformed bar, exit 1; a missing --bars is a usage error, exit 2', async () => {
    const bars = barsFile(10);
    writeFileSync(
      bars,
      readFileSync(bars, 'utf8').replace(/^(2022-01-01T00:05:00\.000Z,[^,]+),([^,]+),/m, '$1,oops,'),
    );
    const malformed = await runCli(['run', patchPath, '--bars', bars]);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toBe('patchdesk: bars.csv line 7: high "oops" is not a number\n');
    const usage = await runCli(['run', patchPath]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/required option '--bars <file>' not specified/);
  });

  it('streams a file of several chunks: counts and times in --json, a bad row far in named by its line', async () => {
    // 70,000 bars: more than one 65,536-bar chunk
    const rows = Array.from({ length: 70_000 }, (_, i) => {
      const close = 100 + (i % 50);
      return `${new Date(Date.UTC(2022, 0, 1) + i * 60_000).toISOString()},${close},${close + 1},${close - 1},${close},1`;
    });
    const path = join(tempDir(), 'long.csv');
    writeFileSync(path, `time,open,high,low,close,volume\n${rows.join('\n')}\n`);
    const out = join(tempDir(), 'probes.csv');
    const result = await runCli(['run', patchPath, '--bars', path, '--out', out, '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      bars: { count: number; delivered: number; from: string; to: string };
    };
    expect(summary.bars).toMatchObject({
      count: 70_000,
      delivered: 70_000,
      from: '2022-01-01T00:00:00.000Z',
      to: new Date(Date.UTC(2022, 0, 1) + 69_999 * 60_000).toISOString(),
    });
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(70_001);

    rows[68_000] = rows[68_000].replace(/,1$/, ',-1');
    writeFileSync(path, `time,open,high,low,close,volume\n${rows.join('\n')}\n`);
    const bad = await runCli(['run', patchPath, '--bars', path, '--out', out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('patchdesk: long.csv line 68002: volume -1 is negative\n');
  });

  it('refuses a --bars that is not a regular file, or holds no bars, before writing anything', async () => {
    const dir = tempDir();
    const folder = await runCli(['run', patchPath, '--bars', dir]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/^patchdesk: bars file [^/\n]+ is not a regular file\n$/);
    expect(folder.stdout).toBe('');
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, 'time,open,high,low,close,volume\n');
    const none = await runCli(['run', patchPath, '--bars', empty]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(`patchdesk: ${empty}: no bars\n`);
    expect(none.stdout).toBe('');
  });
});
