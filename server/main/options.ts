// Command-line and environment options of the server process. Precedence: flag, then
// environment (PATCHDESK_*), then default. The environment is a parameter (not commander's
// .env(), which reads process.env) so tests and embedders can pass their own.
import type { StoreOptions } from '../store/open-store';
import { Command, InvalidArgumentError, Option } from 'commander';
import { isIP } from 'node:net';
import { delimiter } from 'node:path';
import type { LogLevel } from '@patchdesk/modules/contracts/hubs';
import { logLevels } from '../logging';

export const defaultDemoPatch = 'ema-cross-rsi';
/** The embedded database's directory (as open-store's default; not imported, to keep start-up light). */
const defaultDataDir = './data';

export interface CommandLineOptions {
  host: string;
  port: number;
  storeDir: string;
  /** Patch started at boot, or null for none. */
  demo: string | null;
  /** Access token from PATCHDESK_TOKEN; never a flag, so it stays out of `ps` listings. */
  token: string | null;
  logLevel: LogLevel;
  logFormat: 'json' | 'pretty';
  /** Print live probe values of the demo patch to the terminal about once a second. */
  ticker: boolean;
  /** Folders whose CSV files runs may replay as datasets (besides the bundled sample). */
  dataDirs: string[];
  /** Host names the server answers to besides loopback (`name` or `name:port`). */
  allowedHosts: string[];
  /** The database (paper-run journals, stored results): DATABASE_URL, else PGlite in --db. */
  database: StoreOptions;
}

/** Parses argv (without the node and script entries). Throws CommanderError on bad input. */
export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): CommandLineOptions {
  const program = new Command('patchdesk-server')
    .description('PatchDesk server: hubs, patch store, engine and the built editor')
    .exitOverride()
    .addOption(
      new Option('--host <address>', 'address to listen on (PATCHDESK_HOST)').default(
        env.PATCHDESK_HOST || '127.0.0.1',
      ),
    )
    .addOption(
      new Option('--port <number>', 'port to listen on (PATCHDESK_PORT)')
        .default(env.PATCHDESK_PORT || 8080)
        .argParser(parsePort),
    )
    .addOption(
      new Option('--store <dir>', 'patch store directory (PATCHDESK_STORE)').default(
        env.PATCHDESK_STORE || './patches',
      ),
    )
    .addOption(new Option('--demo <patch>', 'patch to start at boot').default(defaultDemoPatch))
    .addOption(new Option('--no-demo', 'start no patch at boot'))
    .addOption(new Option('--log-level <level>', 'minimum log level').choices(logLevels).default('info'))
    .addOption(
      new Option('--log-format <format>', 'console log format').choices(['json', 'pretty']).default('json'),
    )
    .addOption(
      new Option('--ticker', 'print live probe values of the demo patch once a second').default(false),
    )
    .addOption(
      new Option(
        '--data <dir...>',
        `folders of bar CSV files runs may replay (PATCHDESK_DATA, separated by "${delimiter}")`,
      ),
    )
    .addOption(
      new Option(
        '--db <dir>',
        'embedded database directory, created when first needed; DATABASE_URL (PostgreSQL) replaces it (PATCHDESK_DB)',
      ).default(env.PATCHDESK_DB || defaultDataDir),
    )
    .addOption(
      new Option(
        '--allowed-hosts <names>',
        'host names the server answers to besides localhost, 127.0.0.1 and [::1], comma-separated, ' +
          'each "name" or "name:port" (PATCHDESK_ALLOWED_HOSTS)',
      ).argParser(parseHostList),
    );
  program.parse(argv, { from: 'user' });
  const raw = program.opts<{
    host: string;
    port: number | string;
    store: string;
    demo: string | false;
    logLevel: LogLevel;
    logFormat: 'json' | 'pretty';
    ticker: boolean;
    data?: string[];
    db: string;
    allowedHosts?: string[];
  }>();
  return {
    host: raw.host,
    // a value from the environment arrives unparsed
    port: typeof raw.port === 'number' ? raw.port : parsePort(raw.port),
    storeDir: raw.store,
    demo: raw.demo === false ? null : raw.demo,
    token: env.PATCHDESK_TOKEN ? env.PATCHDESK_TOKEN : null,
    logLevel: raw.logLevel,
    logFormat: raw.logFormat,
    ticker: raw.ticker,
    dataDirs: raw.data ?? splitList(env.PATCHDESK_DATA, delimiter),
    allowedHosts: raw.allowedHosts ?? parseHostList(env.PATCHDESK_ALLOWED_HOSTS ?? ''),
    database: { databaseUrl: env.DATABASE_URL || null, dataDir: raw.db },
  };
}

function splitList(value: string | undefined, separator: string): string[] {
  return (value ?? '')
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `desk.example, desk.example:8443` -> names, each a plain host name or address with an optional port. */
function parseHostList(value: string): string[] {
  const names = splitList(value, ',').map((name) => name.toLowerCase());
  for (const name of names) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(name)) {
      throw new InvalidArgumentError(
        `"${name}" is not a host name: give names like desk.example or desk.example:8443, comma-separated`,
      );
    }
  }
  return names;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError(`port must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (bare === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped !== null && mapped[1].startsWith('127.');
}
