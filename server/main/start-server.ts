// Assembles the server: logging, patch store and working copies, the run manager, the hubs,
// the express app, and a close() that shuts it all down in order. Tests call startServer too.
import { timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { dirname, resolve as resolvePath } from 'node:path';
import type { Logger } from 'pino';
import { hubPaths, type VenueStatus } from '@patchdesk/modules/contracts/hubs';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { RunManager } from '../engine/run-manager';
import { createHttp } from '../http/app';
import { createLogHub } from '../hubs/log-hub';
import { createBacktestHub } from '../hubs/backtest-hub';
import { backtestHubPath } from '@patchdesk/modules/contracts/backtest';
import { BacktestJobs } from '../backtest/backtest-jobs';
import { lazyResultsStore } from '../backtest/lazy-results-store';
import { SweepJobs, sweepsRunningMax } from '../backtest/sweep/sweep-jobs';
import { SweepResultsStore } from '../backtest/sweep/sweep-results-store';
import { sharedExecutor } from '../backtest/sweep/shared-executor';
import { threadExecutor } from '../backtest/sweep/executors';
import { createPathRedactor } from '../hubs/redact-paths';
import { createMarketHub } from '../hubs/market-hub';
import { createMarketBus } from '../market/bus/create-market-bus';
import type { MarketRedisOptions } from '../market/bus/create-market-bus';
import type { MarketBus } from '../market/bus/market-bus';
import { MarketFeed } from '../venues/market-feed';
import { startWorkerHealthBoard } from '../market/worker-health-server';
import { createPatchHub } from '../hubs/patch-hub';
import { createProbeHub } from '../hubs/probe-hub';
import { ProbeKeeper } from '../hubs/probe-keeper';
import { createStateHub, forwardRunStatus } from '../hubs/state-hub';
import { createRiskHub } from '../hubs/risk-hub';
import { createTradeHub } from '../hubs/trade-hub';
import { TradingDesk } from '../trading/desk/trading-desk';
import { PaperJournals } from '../trading/journal/paper-journals';
import { LazyStore } from '../store/lazy-store';
import { RunRecordings } from '../backtest/parity/run-recordings';
import type { Store, StoreOptions } from '../store/open-store';
import { SignalRServer } from '../hubs/signalr/index';
import { checkBoundedFile, FileRefusedError } from '../files/bounded-file';
import { createLogging } from '../logging';
import { DatasetCatalog, datasetBytesMax, isInsideFolders } from '../market/dataset-catalog';
import type { Logging, LoggingOptions } from '../logging';
import { PatchStore } from '../patches/patch-store';
import { WorkingCopies } from '../patches/working-copies';
import { isLoopback } from './options';
import { bundledPaths, seedDemoPatch, serverVersion } from './paths';

export interface StartServerOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  storeDir: string;
  /** The database for paper-run journals and stored results, opened when first needed; null: none. */
  database?: StoreOptions | null;
  /** Patch started at boot; null or absent for none. */
  demo?: string | null;
  token?: string | null;
  /** Default: on unless the host is loopback. Needs a token. */
  requireAuth?: boolean;
  /** Either ready-made logging or options to create it (default: JSON to stdout). */
  logging?: Logging | LoggingOptions;
  /** Built editor to serve; default client/dist of this checkout; null for none. */
  clientDistDir?: string | null;
  draftDelayMs?: number;
  /** Data-time minutes of every probe a run keeps for clients that connect later (default 240). */
  probeKeptMinutes?: number;
  /**
   * Bars of the `sample` dataset; default the bundled sample. Must be a regular file inside the
   * bundled data folder or one of `dataDirs`.
   */
  sampleBarsPath?: string;
  /** Folders whose CSV files runs may replay as datasets (listed by StateHub.listDatasets). */
  dataDirs?: string[];
  /** Host names answered besides loopback: `name` (any port) or `name:port`. */
  allowedHosts?: string[];
  /** Browser origins allowed besides pages on an allowed host, written exactly. */
  allowedOrigins?: string[];
  /**
   * Venues to stream market data from ({venues: [...]}, see server/venues/venue-config.ts).
   * Default none: the server contacts no venue unless configured to.
   */
  market?: unknown;
  /** Read (and publish) market events on Redis Streams, where the venue workers write. */
  marketRedis?: MarketRedisOptions | null;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  logger: Logger;
  logging: Logging;
  workingCopies: WorkingCopies;
  runManager: RunManager;
  /** The database, opened when first needed (null when the server runs without one). */
  database: LazyStore | null;
  /** Paper runs' trading side for people: TradeHub and RiskHub. */
  tradingDesk: TradingDesk;
  signalr: SignalRServer;
  /** Venue connectors, the market bus and the ticker board (MarketHub). */
  marketFeed: MarketFeed;
  marketBus: MarketBus;
  /** Stop runs, write drafts, close connections and the listener. Safe to call twice. */
  close(): Promise<void>;
}

/** A startup refusal with a message for the person starting the server (no stack needed). */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? null;
  const requireAuth = options.requireAuth ?? !isLoopback(host);
  if (requireAuth && !token) {
    throw new StartupError(
      `listening on ${host} makes PatchDesk reachable from other machines, so it needs an access token: ` +
        'set PATCHDESK_TOKEN to a long random secret (or listen on 127.0.0.1)',
    );
  }
  const logging = isLogging(options.logging) ? options.logging : createLogging(options.logging);
  const { logger } = logging;
  const dataDirs = options.dataDirs ?? [];
  const samplePath = await checkSamplePath(options.sampleBarsPath ?? bundledPaths.sampleBars, dataDirs);
  const redactPaths = createPathRedactor([
    { path: options.storeDir, label: '<store>' },
    ...dataDirs.map((dir) => ({ path: dir, label: '<data>' })),
    { path: bundledPaths.repoRoot, label: '<server>' },
  ]);
  const hostRules = {
    allowedHosts: [...(options.allowedHosts ?? []), ...listenHostNames(host)],
    allowedOrigins: options.allowedOrigins ?? [],
  };
  const registry = createBuiltinRegistry();
  const store = new PatchStore(options.storeDir);
  const workingCopies = new WorkingCopies({ store, registry, logger, draftDelayMs: options.draftDelayMs });
  const datasets = new DatasetCatalog({ samplePath, dataDirs, logger });
  const database =
    options.database === null || options.database === undefined
      ? null
      : new LazyStore(options.database, logger);
  const journals = database ? new PaperJournals(database, logger) : null;
  const recordings = database ? new RunRecordings(database, registry, logger) : null;
  // before the runs: a run whose config lists market streams reads them off this bus
  const marketBus = createMarketBus(options.marketRedis, logger);
  const runManager = new RunManager({
    workingCopies,
    registry,
    logger,
    datasets,
    journals,
    recordings,
    marketBus,
  });
  const signalr = new SignalRServer({
    logger,
    requireAuth,
    validateToken: token ? tokenChecker(token) : undefined,
    ...hostRules,
    redactText: redactPaths,
  });
  signalr.mapHub(hubPaths.patch, createPatchHub({ workingCopies, runManager, registry, redactPaths }));
  const probeKeeper = new ProbeKeeper(runManager, (name) => workingCopies.peek(name)?.patch.view?.probes, {
    keptMinutes: options.probeKeptMinutes,
  });
  signalr.mapHub(hubPaths.probe, createProbeHub(runManager, probeKeeper));
  signalr.mapHub(hubPaths.state, createStateHub(runManager, datasets));
  signalr.mapHub(hubPaths.logs, createLogHub(logging.ring, redactPaths));
  const tradingDesk = new TradingDesk(runManager, logger);
  signalr.mapHub(hubPaths.trades, createTradeHub(tradingDesk, recordings));
  signalr.mapHub(hubPaths.risk, createRiskHub(tradingDesk));
  const workerHealth = options.marketRedis ? startWorkerHealthBoard(options.marketRedis, logger) : null;
  const marketFeed = createMarketFeed(options.market, marketBus, logger, workerHealth?.venues);
  signalr.mapHub(hubPaths.market, createMarketHub(marketFeed));
  const stopForwarding = forwardRunStatus(runManager, signalr.clients(hubPaths.state));
  const backtestResults = lazyResultsStore(database);
  const marketStore = async (): Promise<Store | null> => (database ? database.get() : null);
  const backtestJobs = new BacktestJobs({
    registry,
    samplePath,
    results: backtestResults.get,
    // Recorded history is read from the server's one database (where recorders and imports write).
    marketStore,
    onError: (message, err) => logger.error({ err }, message),
  });
  // One pool of worker threads for every sweep, started on the first one; two threads at most,
  // so sweeps leave the server's own thread a core on a small machine.
  const sweepThreads = Math.min(2, availableParallelism());
  const sweepPool = sharedExecutor(() => threadExecutor(sweepThreads), sweepsRunningMax * sweepThreads);
  const sweepJobs = new SweepJobs({
    registry,
    loadData: (config) => backtestJobs.loadData(config),
    results: async () => (database ? new SweepResultsStore(await database.get()) : null),
    executor: () => sweepPool.forSweep(),
    onError: (message, err) => logger.error({ err }, message),
  });
  signalr.mapHub(
    backtestHubPath,
    createBacktestHub(backtestJobs, backtestResults.get, sweepJobs, marketStore),
  );

  const startedAtMs = Date.now();
  const { server, servesClient } = createHttp({
    version: serverVersion(),
    startedAtMs,
    runs: () => runManager.status(),
    attachHubs: (app, httpServer) => signalr.attach(app, httpServer),
    clientDistDir: options.clientDistDir === undefined ? bundledPaths.clientDist : options.clientDistDir,
    logger,
    hostRules,
  });
  try {
    await listen(server, options.port ?? 8080, host);
  } catch (error) {
    stopForwarding();
    await workerHealth?.stop();
    await runManager.stopAll();
    await signalr.close();
    throw error;
  }
  marketFeed.start();
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info(
    { url, store: resolvePath(options.storeDir), requireAuth, servesClient },
    'PatchDesk server listening',
  );
  if (isWildcard(host) && hostRules.allowedHosts.length === 0) {
    logger.warn(
      { host },
      `listening on every address, but other machines must name this server by a host in --allowed-hosts ` +
        `(PATCHDESK_ALLOWED_HOSTS); until then only localhost, 127.0.0.1 and [::1] are answered`,
    );
  }

  if (options.demo) await startDemo(options.demo, options.storeDir, runManager, logger);

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      stopForwarding();
      probeKeeper.close();
      tradingDesk.close();
      await marketFeed.stop();
      await workerHealth?.stop();
      await marketBus.close();
      await runManager.stopAll();
      await runManager.journalsClosed();
      await backtestJobs.close();
      await sweepJobs.close();
      await sweepPool.close();
      await backtestResults.close();
      await database?.close();
      await workingCopies.flush();
      await signalr.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      logger.info('PatchDesk server stopped');
    })());
  return {
    url,
    tradingDesk,
    database,
    host,
    port,
    logger,
    logging,
    workingCopies,
    runManager,
    signalr,
    marketFeed,
    marketBus,
    close,
  };
}

function createMarketFeed(
  config: unknown,
  bus: MarketBus,
  logger: Logger,
  workerVenues?: () => VenueStatus[],
): MarketFeed {
  try {
    return new MarketFeed({ config: config ?? {}, bus, logger, ...(workerVenues ? { workerVenues } : {}) });
  } catch (error) {
    throw new StartupError(`the venue configuration is invalid: ${(error as Error).message}`);
  }
}

/**
 * The sample's file is named by the operator (or is the bundled one): it must be a regular file
 * of bounded size inside the bundled data folder or a data folder, so no option can turn it into
 * a way to read another file of the machine.
 */
async function checkSamplePath(path: string, dataDirs: readonly string[]): Promise<string> {
  const folders = [dirname(bundledPaths.sampleBars), ...dataDirs];
  try {
    await checkBoundedFile(path, { maxBytes: datasetBytesMax, label: 'the sample bars file' });
  } catch (error) {
    if (error instanceof FileRefusedError) throw new StartupError(error.message);
    throw error;
  }
  if (!(await isInsideFolders(path, folders))) {
    throw new StartupError(
      'the sample bars file must be inside the bundled patches/data folder or a data folder (--data)',
    );
  }
  return path;
}

/** A specific address the server listens on answers like loopback; a wildcard names no host. */
function listenHostNames(host: string): string[] {
  if (isLoopback(host) || isWildcard(host)) return [];
  return [host.includes(':') && !host.startsWith('[') ? `[${host}]` : host];
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]' || host === '';
}

function isLogging(value: Logging | LoggingOptions | undefined): value is Logging {
  return value !== undefined && 'logger' in value && 'ring' in value;
}

/** Compares in constant time, so response timing does not leak how much of a guess was right. */
function tokenChecker(expected: string): (token: string) => boolean {
  const expectedBytes = Buffer.from(expected);
  return (token) => {
    const given = Buffer.from(token);
    return given.length === expectedBytes.length && timingSafeEqual(given, expectedBytes);
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE')
        reject(new StartupError(`port ${port} is in use on ${host}; pass --port`));
      else if (error.code === 'EADDRNOTAVAIL')
        reject(new StartupError(`address ${host} is not available on this machine; pass --host`));
      else if (error.code === 'EACCES')
        reject(new StartupError(`no permission to listen on ${host}:${port}; pick a port above 1023`));
      else reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** The demo is a convenience: a missing or broken demo patch is logged, never fatal. */
async function startDemo(
  name: string,
  storeDir: string,
  runManager: RunManager,
  logger: Logger,
): Promise<void> {
  try {
    await seedDemoPatch(name, storeDir, logger);
    // The demo loops over the sample so it stays alive; each pass starts its modules afresh.
    await runManager.start(name, { loop: true });
  } catch (error) {
    logger.warn(
      { err: error, patch: name },
      `demo patch "${name}" was not started: ${(error as Error).message}`,
    );
  }
}
