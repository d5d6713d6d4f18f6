// Test support: a PatchDesk server in its own process (paper-server-main.ts), so a test can
// kill it with SIGKILL. Spawning one costs seconds (node, tsx, the server's imports), so the
// crash test starts the next one while the current one runs: a server opens its database only
// when a paper run starts, so a waiting spare never touches the store the running one holds.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { JournalRun } from '../journal-store';
import { journalFromWire } from './journal-report';

const serverMain = fileURLToPath(new URL('./paper-server-main.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const stderrKeptChars = 4_000;

export interface ServerProcess {
  child: ChildProcess;
  /** Resolves with the URL once it listens; rejects if it exits first. */
  url: Promise<string>;
  /** Resolves with the signal that ended it (null: it exited by itself). */
  exited: Promise<NodeJS.Signals | null>;
  /** Resolves when it announces it is killing itself inside a journal write. */
  dyingMidFlush: Promise<void>;
  /** Its store's newest journaled run of a patch (it opens the store if it has not yet). */
  journal(patchName: string): Promise<JournalRun | null>;
  /** The end of its stderr, for failure messages. */
  stderr(): string;
  kill(): Promise<NodeJS.Signals | null>;
}

export function spawnServer(args: readonly string[]): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', serverMain, ...args], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-stderrKeptChars)));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('close', (_, signal) => resolve(signal)),
  );
  let markDying: () => void = () => undefined;
  const dyingMidFlush = new Promise<void>((resolve) => (markDying = resolve));
  const journalWaiters: ((run: JournalRun | null) => void)[] = [];
  const url = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const fact = JSON.parse(text) as { url?: string; dying?: string; journal?: unknown };
      if (fact.url) resolve(fact.url);
      if (fact.dying) markDying();
      if (fact.journal !== undefined)
        journalWaiters.shift()?.(fact.journal === null ? null : journalFromWire(fact.journal));
    });
    void exited.then((signal) => reject(new Error(`server exited (${signal}) before listening: ${stderr}`)));
  });
  url.catch(() => undefined); // a spare killed unused is not an error
  return {
    child,
    url,
    exited,
    dyingMidFlush,
    stderr: () => stderr,
    journal(patchName) {
      return new Promise((resolve, reject) => {
        journalWaiters.push(resolve);
        void exited.then((signal) =>
          reject(new Error(`server exited (${signal}) before reporting its journal: ${stderr}`)),
        );
        child.stdin!.write(`journal ${patchName}\n`);
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}
