// Ctrl-C during `patchdesk sweep` and `patchdesk walkforward`: the first SIGINT cancels the sweep
// (queued and running runs stop), the command says so in one line, exits 130 and prints no result.
// The signal is sent once the child has spent 4 s of CPU: by then it is inside the sweep whatever
// the machine's load (start-up takes well under that; the whole sweep takes far more).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interruptedExitCode } from '../interrupt';
import { hasStackTrace, repoRoot } from '../testing';

const patchPath = 'patches/ema-cross-rsi.json';
const barsPath = 'patches/data/btc-usdt-perp-1m-sample.csv';
/** 10 x 50 = 500 runs over the sample: half a minute of CPU and more. */
const bigGrid = ['--param', 'ema-fast.period=2:11:1', '--param', 'ema-slow.period=20:69:1'];
const cpuBeforeSignalSeconds = 4;

/** User + system CPU seconds of a process (all its threads), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat; after "pid (comm) " they are at 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function interrupted(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string; cpu: number }> {
  const child = spawn(process.execPath, [join(repoRoot, 'server/bin/patchdesk.js'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', REDIS_URL: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let cpu = 0;
  while (child.exitCode === null && (cpu = cpuSeconds(child.pid!)) < cpuBeforeSignalSeconds)
    await new Promise((resolve) => setTimeout(resolve, 100));
  child.kill('SIGINT');
  const code = await exited;
  return { code, stdout, stderr, cpu };
}

describe('Ctrl-C during a sweep', () => {
  it('patchdesk sweep: cancels, says so, exits 130, prints no result', { timeout: 240_000 }, async () => {
    const result = await interrupted([
      'sweep',
      '--local',
      patchPath,
      '--bars',
      barsPath,
      ...bigGrid,
      '--threads',
      '1',
      '--json',
    ]);
    expect(result.cpu, 'the sweep ended before the signal: make the grid bigger').toBeGreaterThanOrEqual(
      cpuBeforeSignalSeconds,
    );
    expect(result.code).toBe(interruptedExitCode);
    expect(result.stderr).toContain('sweep interrupted: cancelled, nothing saved');
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(result.stdout).toBe('');
  });

  it('patchdesk walkforward: the same', { timeout: 240_000 }, async () => {
    const result = await interrupted([
      'walkforward',
      '--local',
      patchPath,
      '--bars',
      barsPath,
      ...bigGrid,
      '--in-sample',
      '1d',
      '--out-of-sample',
      '1d',
      '--threads',
      '1',
      '--json',
    ]);
    expect(result.cpu).toBeGreaterThanOrEqual(cpuBeforeSignalSeconds);
    expect(result.code).toBe(interruptedExitCode);
    expect(result.stderr).toContain('walkforward interrupted: cancelled, nothing saved');
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(result.stdout).toBe('');
  });
});
