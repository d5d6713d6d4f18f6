// docker/docker-compose.yml as Debian's `docker-compose config` resolves it (images cannot be
// pulled here, so nothing is started): the services, the server's environment against what the
// server reads, every worker's command parsed by the real `worker` flags and venue registry,
// and the Dockerfile's health check against the server's health route.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addVenueWorkerOptions, venueConfigFromOptions } from '../cli/commands/worker-venue';
import type { VenueWorkerCommandOptions } from '../cli/commands/worker-venue';
import { repoRoot } from '../cli/testing';
import { marketConfigSchema } from '../venues/venue-config';

const composeBinary = '/usr/bin/docker-compose';
const composeFile = join(repoRoot, 'docker/docker-compose.yml');
const available = existsSync(composeBinary);
if (!available && process.env.CI === 'true')
  throw new Error(`CI needs ${composeBinary} (Debian's docker-compose) to check docker/docker-compose.yml`);
if (!available) console.warn(`skipping the compose checks: ${composeBinary} is not installed`);

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  ports?: { published: number; target: number }[];
}
interface ComposeConfig {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

/** `docker-compose config` with `env`, as JSON (through PyYAML, which docker-compose runs on). */
function composeConfig(env: Record<string, string>): {
  status: number;
  config: ComposeConfig | null;
  stderr: string;
} {
  const resolved = spawnSync(composeBinary, ['-f', composeFile, 'config'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  });
  if (resolved.status !== 0) return { status: resolved.status ?? 1, config: null, stderr: resolved.stderr };
  const json = spawnSync(
    'python3',
    ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
    { encoding: 'utf8', input: resolved.stdout },
  );
  expect(json.status, json.stderr).toBe(0);
  return { status: 0, config: JSON.parse(json.stdout) as ComposeConfig, stderr: resolved.stderr };
}

/** The environment variables a source file reads (`env.NAME`). */
function envNamesRead(...files: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(join(repoRoot, file), 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g))
      names.add(match[1]);
  }
  return names;
}

/** A worker service's command through the real `worker` flags, then the venue registry. */
async function workerVenue(command: string[]): Promise<{ venue: string; config: unknown }> {
  expect(command.slice(0, 3)).toEqual(['node', 'server/bin/patchdesk.js', 'worker']);
  const parsed = addVenueWorkerOptions(new Command('worker').exitOverride()).parse(command.slice(3), {
    from: 'user',
  });
  const options = parsed.opts<VenueWorkerCommandOptions>();
  const config = await venueConfigFromOptions(options);
  return { venue: options.venue, config };
}

describe.skipIf(!available)('docker/docker-compose.yml (docker-compose config)', () => {
  const token = 'compose-test-token';
  const resolved = available ? composeConfig({ PATCHDESK_TOKEN: token }) : null;
  const config = resolved?.config as ComposeConfig;

  it('resolves, with TimescaleDB, Redis 7, the server and one worker per venue', () => {
    expect(resolved?.status, resolved?.stderr).toBe(0);
    const names = Object.keys(config.services);
    expect(names).toEqual(expect.arrayContaining(['timescaledb', 'redis', 'server']));
    expect(config.services.timescaledb.image).toMatch(/^timescale\/timescaledb:/);
    expect(config.services.redis.image).toMatch(/^redis:7(\b|-|$)/);
    expect(names.filter((name) => name.startsWith('worker-')).length).toBeGreaterThanOrEqual(4);
    // Every service keeps its data in a named volume that is declared.
    for (const [service, mount] of [
      ['timescaledb', '/var/lib/postgresql/data'],
      ['redis', '/data'],
      ['server', '/var/lib/patchdesk'],
    ]) {
      const volume = config.services[service].volumes?.find((entry) => entry.split(':')[1] === mount);
      expect(volume, `${service} has a volume at ${mount}`).toBeDefined();
      expect(Object.keys(config.volumes)).toContain(volume?.split(':')[0]);
    }
  });

  it('gives the server only variables it reads, pointing at the compose services', () => {
    const server = config.services.server;
    const env = server.environment ?? {};
    const read = envNamesRead('server/main.ts', 'server/main/options.ts');
    for (const name of Object.keys(env)) expect(read, `the server reads ${name}`).toContain(name);
    const database = new URL(env.DATABASE_URL);
    const timescale = config.services.timescaledb.environment ?? {};
    expect(database.protocol).toBe('postgres:');
    expect(database.hostname).toBe('timescaledb');
    expect(database.username).toBe(timescale.POSTGRES_USER);
    expect(decodeURIComponent(database.password)).toBe(timescale.POSTGRES_PASSWORD);
    expect(database.pathname).toBe(`/${timescale.POSTGRES_DB}`);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    // Listening on every address needs a token (start-server.ts refuses otherwise).
    expect(env.PATCHDESK_HOST).toBe('0.0.0.0');
    expect(env.PATCHDESK_TOKEN).toBe(token);
    expect(server.ports).toEqual([{ published: 8080, target: Number(env.PATCHDESK_PORT) }]);
    expect(server.command).toEqual(['node', 'server/dist/main.js']);
    // server/dist/main.js is the build's `main` entry (server/bin/build.js).
    expect(readFileSync(join(repoRoot, 'server/bin/build.js'), 'utf8')).toMatch(/main: 'server\/main\.ts'/);
    expect(Object.keys(server.depends_on ?? {}).sort()).toEqual(['redis', 'timescaledb']);
  });

  it('runs each worker on a venue the registry knows, on the same Redis stream as the server', async () => {
    const server = config.services.server.environment ?? {};
    const read = envNamesRead('server/cli/commands/worker-venue.ts');
    const venues: string[] = [];
    for (const [name, service] of Object.entries(config.services)) {
      if (!name.startsWith('worker-')) continue;
      const { venue, config: venueConfig } = await workerVenue(service.command ?? []);
      expect(name).toBe(`worker-${venue}`);
      // The venue's subscriptions pass the same schema the worker applies at start.
      const market = marketConfigSchema.parse({ venues: [venueConfig] });
      expect(market.venues[0].subscriptions.length).toBeGreaterThan(0);
      venues.push(venue);
      const env = service.environment ?? {};
      for (const key of Object.keys(env)) expect(read, `the worker reads ${key}`).toContain(key);
      expect(env.REDIS_URL).toBe(server.REDIS_URL);
      expect(env.PATCHDESK_MARKET_STREAM).toBe(server.PATCHDESK_MARKET_STREAM);
      expect(Object.keys(service.depends_on ?? {})).toContain('redis');
    }
    expect(new Set(venues).size).toBe(venues.length);
    expect(venues).toEqual(expect.arrayContaining(['binanceusdm', 'bybit', 'okx', 'hyperliquid']));
  });

  it('refuses to resolve without PATCHDESK_TOKEN', () => {
    const missing = composeConfig({});
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/set PATCHDESK_TOKEN/);
  });

  it("builds an image that checks the server's health route as a non-root user", () => {
    const dockerfile = readFileSync(join(repoRoot, 'docker/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20-slim AS build$/m);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    const health = /^HEALTHCHECK .*\n.*\/api\/health/m.exec(dockerfile);
    expect(health).not.toBeNull();
    expect(readFileSync(join(repoRoot, 'server/http/app.ts'), 'utf8')).toContain("app.get('/api/health'");
  });
});
