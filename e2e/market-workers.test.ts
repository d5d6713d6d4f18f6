// The Market tab's table of venue workers end to end: a private redis-server, the server
// started with it (as `REDIS_URL` does), the built client in Debian's Chromium, and two
// workers reporting health into `<stream>:health`: a real `patchdesk worker --venue
// binanceusdm` process function streaming from the fake Binance USD-M venue, and a scripted
// "okx" report whose figures are chosen so the row can be checked by hand (500 more events
// every report 2 s apart: 250/s).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runVenueWorkerCommand } from '../server/cli/commands/worker-venue';
import { PrivateRedis, redisServerAvailable } from '../server/market/testing/private-redis';
import { workerHealthKey, type WorkerReport } from '../server/market/worker-health';
import { FakeVenue } from '../server/venues/fake/fake-venue';
import { BinanceUsdmProtocol } from '../server/venues/fake/protocols/binanceusdm';
import { chromiumMissing, launchChromium } from './support/chromium';
import type { BrowserSession } from './support/chromium';
import { startEditorServer } from './support/editor-server';
import type { EditorServer } from './support/editor-server';

const missing = chromiumMissing() ?? (redisServerAvailable() ? null : 'redis-server is not installed');
const inCi = process.env.CI === 'true';
const screenshotDir =
  process.env.PATCHDESK_SCREENS ?? join(import.meta.dirname, '..', 'artifacts', 'screenshots');
const symbol = 'BTC/USDT:USDT';
const stream = 'e2e-market-workers';

if (missing && !inCi) console.warn(`e2e/market-workers.test.ts skipped: ${missing}`);

describe.runIf(missing && inCi)('market workers end to end (CI)', () => {
  it('has Chromium and redis-server to run the browser tests', () => {
    expect(missing).toBeNull();
  });
});

/** The scripted okx worker's k-th report: taken now, 500 k events, fixed drops and reconnects. */
function okxReport(k: number, nowMs: number): WorkerReport {
  return {
    venue: 'okx',
    label: 'OKX',
    state: 'live',
    reason: null,
    streams: [
      {
        symbol,
        channel: 'trades',
        stale: false,
        lastEventAtMs: nowMs - 300,
        events: 400 * k,
        dropped: 3,
        reconnects: 1,
        resyncs: 0,
      },
      {
        symbol,
        channel: 'book',
        stale: false,
        lastEventAtMs: nowMs - 900,
        events: 100 * k,
        dropped: 0,
        reconnects: 1,
        resyncs: 2,
      },
    ],
    reportedAtMs: nowMs,
    published: 500 * k,
    publishDropped: 4,
    outbox: 0,
    bars: 0,
    lateTrades: 0,
  };
}

describe.skipIf(missing !== null)('market workers end to end', () => {
  let redis: PrivateRedis;
  let writer: Redis;
  let binance: FakeVenue;
  let protocol: BinanceUsdmProtocol;
  let editor: EditorServer;
  let browser: BrowserSession;
  let page: Page;
  const stopWorker = new AbortController();
  let worker: Promise<void> | null = null;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    redis = await PrivateRedis.start();
    writer = new Redis(redis.url);
    // A slow connect under load is retried by ioredis; a failed HSET still fails the test.
    writer.on('error', () => undefined);
    protocol = new BinanceUsdmProtocol();
    binance = await FakeVenue.start(protocol);
    editor = await startEditorServer({ demo: null, marketRedis: { url: redis.url, stream } });
    worker = runVenueWorkerCommand(
      {
        venue: 'binanceusdm',
        symbols: symbol,
        channels: 'ticker,mark,funding',
        bars: '',
        baseUrl: binance.restUrl,
        wsUrl: binance.wsUrl,
        redisUrl: redis.url,
        stream,
        statusEvery: '0',
      },
      { env: {}, signal: stopWorker.signal },
    );
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 180_000);

  afterAll(async () => {
    stopWorker.abort();
    await worker;
    await browser?.close();
    await editor?.stop();
    await binance?.close();
    writer?.disconnect();
    await redis?.stop();
  }, 60_000);

  it("shows each worker's events/s, totals, drops, reconnects and ages", async () => {
    await page.goto(editor.url);
    await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
    await page.getByTestId('tab-market').click();

    // Reports 2 s apart by their own clock; the panel polls every 2 s and rates the difference.
    let k = 1;
    let lastAt = Date.now() - 2_000;
    const due = (): boolean => Date.now() >= lastAt + 2_000;
    const report = async (): Promise<void> => {
      lastAt += 2_000;
      await writer.hset(workerHealthKey(stream), 'okx', JSON.stringify(okxReport(k++, lastAt)));
    };
    await report();
    const okx = page.getByTestId('market-worker-okx');
    const field = (row: string, name: string) => page.getByTestId(row).locator(`[data-field="${name}"]`);
    await okx.waitFor({ timeout: 30_000 });
    await expect
      .poll(
        async () => {
          if (due()) await report();
          return field('market-worker-okx', 'rate').textContent();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe('250/s');
    // By hand: events 400 k + 100 k = 500 k; drops 3 + 0 + 4 (outbox); reconnects 1 + 1.
    // The newest report reaches the panel with its next poll (no report is written meanwhile).
    await expect
      .poll(
        async () => Number((await field('market-worker-okx', 'events').textContent())?.replaceAll(',', '')),
        {
          timeout: 10_000,
          interval: 250,
        },
      )
      .toBe(500 * (k - 1));
    expect(await field('market-worker-okx', 'dropped').textContent()).toBe('7');
    expect(await field('market-worker-okx', 'reconnects').textContent()).toBe('2');
    expect(await field('market-worker-okx', 'state').textContent()).toBe('live');
    // The youngest stream's last event is 300 ms older than the report, the report itself older still.
    expect(await field('market-worker-okx', 'last-event').textContent()).toMatch(/^\d+ ms$|^\d+\.\d s$/);

    // The real worker: its ticker reaches the table above, its counters the worker table.
    await binance.waitForSubscription('btcusdt@miniTicker');
    await expect
      .poll(
        async () => {
          binance.publish('btcusdt@miniTicker', protocol.ticker(43_210.5));
          binance.publish(
            'btcusdt@markPrice@1s',
            protocol.markPrice(43_215, 43_200, 0.0001, Date.now() + 3_600_000),
          );
          if (due()) await report();
          const text = await field('market-worker-binanceusdm', 'events')
            .textContent({ timeout: 1_000 })
            .catch(() => null);
          return Number(text?.replaceAll(',', '') ?? 0);
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBeGreaterThan(0);
    expect(await page.getByTestId('market-worker-binanceusdm').getAttribute('data-state')).toBe('live');
    expect(await field('market-worker-binanceusdm', 'dropped').textContent()).toBe('0');
    // Inside the panel: nothing cut off at its right edge.
    const panelBox = (await page.locator('.side-panel').boundingBox())!;
    const tableBox = (await page.getByTestId('market-workers').boundingBox())!;
    expect(tableBox.x + tableBox.width).toBeLessThanOrEqual(panelBox.x + panelBox.width);
    await page.locator('.side-panel').screenshot({ path: join(screenshotDir, 'market-workers.png') });

    // The okx worker falls silent: after 10 s without a report it shows unreachable.
    await page
      .locator('[data-testid="market-worker-okx"][data-state="unreachable"]')
      .waitFor({ timeout: 30_000 });
  }, 150_000);
});
