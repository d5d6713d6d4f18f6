// The server process: parse options, start, print where to point a browser, and shut down
// cleanly on SIGINT/SIGTERM (runs stopped, drafts written, connections closed, exit 0).
import { CommanderError } from 'commander';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from './main/options';
import { probeKeptMinutesOf } from './hubs/probe-keeper';
import { startServer, StartupError } from './main/start-server';
import { startTerminalTicker } from './main/terminal-ticker';
import { readVenuesFile } from './venues/venues-file';

export { startServer, StartupError } from './main/start-server';
export type { RunningServer, StartServerOptions } from './main/start-server';

export async function runCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  let options;
  try {
    options = parseCommandLine(argv, env);
  } catch (error) {
    // commander has printed the message (or the help) already
    if (error instanceof CommanderError) process.exit(error.exitCode);
    throw error;
  }
  let server;
  try {
    let market: unknown;
    let probeKeptMinutes: number | undefined;
    try {
      market = await readVenuesFile(env.PATCHDESK_VENUES);
      probeKeptMinutes = probeKeptMinutesOf(env.PATCHDESK_PROBE_MINUTES);
    } catch (error) {
      throw new StartupError((error as Error).message);
    }
    server = await startServer({
      market,
      // With REDIS_URL the market bus is Redis Streams: the venue workers' events reach MarketHub.
      marketRedis: env.REDIS_URL ? { url: env.REDIS_URL, stream: env.PATCHDESK_MARKET_STREAM } : null,
      host: options.host,
      port: options.port,
      storeDir: options.storeDir,
      demo: options.demo,
      token: options.token,
      dataDirs: options.dataDirs,
      allowedHosts: options.allowedHosts,
      database: options.database,
      probeKeptMinutes,
      logging: { level: options.logLevel, console: options.logFormat },
    });
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    console.error(`patchdesk: ${error.message}`);
    process.exit(1);
  }
  console.log(`PatchDesk is running at ${server.url}${options.token ? ' (access token required)' : ''}`);
  const stopTicker =
    options.ticker && options.demo ? startTerminalTicker(server, options.demo) : () => undefined;

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals): void => {
    signals++;
    if (signals > 1) {
      console.error(`patchdesk: second ${signal}; exiting without a clean shutdown`);
      process.exit(1);
    }
    stopTicker();
    server.logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('patchdesk: shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) await runCommandLine(process.argv.slice(2), process.env);
