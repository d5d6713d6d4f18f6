// Attack reproduction for issue 7, item 4: the server and the CLI (or two servers) writing one
// patch store at once used to lose acknowledged versions and leave version files that no longer
// matched their hash, because PatchStore locked only inside one process. Here real processes
// write one store at the same time; afterwards every version any of them was told it saved
// must be in versions.json, at its number, with a file whose sha256 matches.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PatchStore } from '../patches/patch-store';
import { repoRoot, runCli, tempDir } from '../cli/testing';
import type { AcknowledgedVersion } from './store-writer';
import { examplePatch } from './store-writer';

const writerScript = join(repoRoot, 'server/security/store-writer.ts');
const processTimeoutMs = 60_000;
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

/** One store-writer process; resolves with its acknowledged versions when it exits. */
function runWriter(dir: string, label: string, countMax: number, stopFile?: string): Promise<Finished> {
  const args = ['--import', 'tsx', writerScript, dir, 'demo', label, String(countMax)];
  if (stopFile) args.push(stopFile);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: repoRoot, timeout: processTimeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function acknowledged(finished: Finished): AcknowledgedVersion[] {
  return finished.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AcknowledgedVersion);
}

async function storeWithOneVersion(): Promise<{ dir: string; first: AcknowledgedVersion }> {
  const dir = tempDir('patchdesk-store-lock-');
  dirs.push(dir);
  const info = await new PatchStore(dir).save('demo', examplePatch(), { message: 'first', baseVersion: 0 });
  return { dir, first: { writer: 'setup', version: info.version, hash: info.hash } };
}

interface IndexEntry {
  version: number;
  hash: string;
  message: string;
}

/** Every acknowledged version is indexed at its number with its hash; every file matches. */
function expectEveryVersionKept(dir: string, acks: readonly AcknowledgedVersion[]): void {
  const history = join(dir, '.history', 'demo');
  const index = JSON.parse(readFileSync(join(history, 'versions.json'), 'utf8')) as {
    versions: IndexEntry[];
  };
  const numbers = acks.map((ack) => ack.version);
  expect(new Set(numbers).size, 'two writers were told they saved the same version number').toBe(
    numbers.length,
  );
  const lost = acks.filter((ack) => !index.versions[ack.version - 1]?.hash.startsWith(ack.hash));
  expect(lost, 'acknowledged versions missing from versions.json').toEqual([]);
  expect(index.versions).toHaveLength(acks.length); // nothing unacknowledged crept in either
  const damaged = index.versions.filter((entry) => {
    const file = join(history, `v${String(entry.version).padStart(6, '0')}.json`);
    return createHash('sha256').update(readFileSync(file, 'utf8'), 'utf8').digest('hex') !== entry.hash;
  });
  expect(
    damaged.map((entry) => entry.version),
    'version files whose sha256 does not match',
  ).toEqual([]);
  const leftovers = readdirSync(dir, { recursive: true }).filter((path) => String(path).endsWith('.tmp'));
  expect(leftovers).toEqual([]);
  expect(existsSync(join(dir, '.lock')), 'the store lock was left behind').toBe(false);
}

describe('one patch store written by several processes', () => {
  it('keeps every version when the CLI restores while a server process saves in a loop', async () => {
    const { dir, first } = await storeWithOneVersion();
    const stopFile = join(dir, '..', `${dir.split('/').pop()}.stop`);
    dirs.push(stopFile);
    const server = runWriter(dir, 'server', 2_000, stopFile);
    // Three shells restoring at once, four times each: twelve real `patchdesk restore` runs.
    const restores: AcknowledgedVersion[] = [];
    const failures: string[] = [];
    const shell = async () => {
      for (let i = 0; i < 4; i++) {
        const result = await runCli(['restore', 'demo', '1', '--store', dir]);
        const match = /restored version 1 as version (\d+) \(([0-9a-f]{12})\)/.exec(result.stdout);
        if (result.code !== 0 || !match) failures.push(`exit ${result.code}: ${result.stderr}`);
        else restores.push({ writer: 'cli', version: Number(match[1]), hash: match[2] });
      }
    };
    await Promise.all([shell(), shell(), shell()]);
    writeFileSync(stopFile, '');
    const finished = await server;
    expect(failures).toEqual([]);
    expect(finished.stderr).toBe('');
    expect(finished.code).toBe(0);
    const saves = acknowledged(finished);
    // The writers really overlapped: some restore landed between two of the server's saves.
    const serverVersions = saves.map((save) => save.version);
    expect(
      restores.some(
        (restore) =>
          restore.version > Math.min(...serverVersions) && restore.version < Math.max(...serverVersions),
      ),
    ).toBe(true);
    expectEveryVersionKept(dir, [first, ...saves, ...restores]);
  });

  it('keeps every version when two server processes save to one store', async () => {
    const { dir, first } = await storeWithOneVersion();
    const [a, b] = await Promise.all([runWriter(dir, 'server-a', 60), runWriter(dir, 'server-b', 60)]);
    expect([a.stderr, b.stderr]).toEqual(['', '']);
    expect([a.code, b.code]).toEqual([0, 0]);
    const acks = [...acknowledged(a), ...acknowledged(b)];
    expect(acks).toHaveLength(120);
    expectEveryVersionKept(dir, [first, ...acks]);
  });
});
