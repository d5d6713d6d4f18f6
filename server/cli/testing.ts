// Test helpers for the command tests: run the real CLI in a child process, and temp folders.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const binPath = join(repoRoot, 'server/bin/patchdesk.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node server/bin/patchdesk.js ...args`, from `cwd` (the repo root by default). */
export function runCli(args: readonly string[], cwd = repoRoot): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [binPath, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export function tempDir(prefix = 'patchdesk-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** No stack trace lines: user errors are one clear line. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+\(.+:\d+:\d+\)$/m.test(text);
}

/** A temp store holding `name` with two saved versions: v2 sets ema-slow's period to 50. */
export async function storeWithTwoVersions(name = 'demo'): Promise<string> {
  const { readFileSync } = await import('node:fs');
  const { parsePatchJson } = await import('@patchdesk/modules/patch/schema');
  const { PatchStore } = await import('../patches/patch-store');
  const parsed = parsePatchJson(readFileSync(join(repoRoot, 'patches/ema-cross-rsi.json'), 'utf8'));
  if (!parsed.ok) throw new Error('example patch does not parse');
  const dir = tempDir('patchdesk-store-');
  const store = new PatchStore(dir);
  const v1 = parsed.patch;
  const v2 = {
    ...v1,
    modules: v1.modules.map((m) => (m.id === 'ema-slow' ? { ...m, params: { period: 50 } } : m)),
  };
  await store.save(name, v1, { message: 'first cut', baseVersion: 0 });
  await store.save(name, v2, { message: 'slower slow EMA', baseVersion: 1 });
  return dir;
}
