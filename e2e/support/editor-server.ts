// A real PatchDesk server for browser tests: the built editor (rebuilt when its sources are
// newer than the build) over a temporary copy of the shipped patches.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../server/main';
import type { RunningServer } from '../../server/main';
import type { StartServerOptions } from '../../server/main/start-server';
import { makeTestStore } from '../../server/main/test-server';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const clientDir = join(repoRoot, 'client');

function newestMtimeMs(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtimeMs(join(path, entry)));
  }
  return newest;
}

/** Builds client/dist with vite unless it is newer than every source it is built from. */
export function ensureClientBuilt(): void {
  const index = join(clientDir, 'dist', 'index.html');
  const sources = [
    join(clientDir, 'src'),
    join(clientDir, 'index.html'),
    join(clientDir, 'vite.config.ts'),
    join(repoRoot, 'modules'),
  ];
  const newestSourceMs = Math.max(...sources.map(newestMtimeMs));
  if (existsSync(index) && statSync(index).mtimeMs >= newestSourceMs) return;
  const result = spawnSync('npx', ['--no-install', 'vite', 'build', '--logLevel', 'warn'], {
    cwd: clientDir,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `vite build in client/ failed (status ${result.status}): ${result.stderr || result.stdout}`,
    );
  }
}

export interface EditorServer {
  server: RunningServer;
  url: string;
  storeDir: string;
  /** Closes the server (writing drafts) and starts a new one on the same port and store. */
  restart(options?: { downMs?: number; whileDown?: () => Promise<void> }): Promise<void>;
  stop(): Promise<void>;
}

export async function startEditorServer(
  options: {
    demo?: string | null;
    storeDir?: string;
    /** Bars the 'sample' dataset replays (a short file makes a run end in seconds); in `dataDirs`. */
    sampleBarsPath?: string;
    dataDirs?: string[];
    /** Venues to stream from (server/venues/venue-config.ts), e.g. a fake venue; none by default. */
    market?: unknown;
    /** The database for journals and stored backtest results (none by default). */
    database?: StartServerOptions['database'];
    /** Redis for the market bus and venue workers' health reports (none by default). */
    marketRedis?: StartServerOptions['marketRedis'];
  } = {},
): Promise<EditorServer> {
  ensureClientBuilt();
  const storeDir = options.storeDir ?? makeTestStore();
  const start = (port: number) =>
    startServer({
      port,
      storeDir,
      demo: options.demo ?? null,
      logging: { console: 'off', level: 'info' },
      draftDelayMs: 20,
      ...(options.sampleBarsPath === undefined ? {} : { sampleBarsPath: options.sampleBarsPath }),
      ...(options.dataDirs === undefined ? {} : { dataDirs: options.dataDirs }),
      ...(options.market === undefined ? {} : { market: options.market }),
      ...(options.database === undefined ? {} : { database: options.database }),
      ...(options.marketRedis === undefined ? {} : { marketRedis: options.marketRedis }),
    });
  const editor: EditorServer = {
    server: await start(0),
    url: '',
    storeDir,
    async restart(restartOptions = {}) {
      const port = editor.server.port;
      await editor.server.close();
      await restartOptions.whileDown?.();
      editor.server = await start(port);
    },
    async stop() {
      await editor.server.close();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
  editor.url = editor.server.url;
  return editor;
}
