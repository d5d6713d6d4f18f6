// The example patches trade: their order modules reach the broker sink only through risk
// gates, and the intents they emit are valid orders at the order boundary. Without a broker
// the sink drops them (NO_BROKER, counted) and the run goes on; with a trading feed they
// arrive in the run's outbox.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import type { Patch } from '@patchdesk/modules/patch/types';
import { riskCodeNumber } from '@patchdesk/modules/sdk/risk-codes';
import type { OrderIntent } from '@patchdesk/modules/sdk/ports';
import { createTradingFeed } from '@patchdesk/modules/sdk/trading-feed';
import type { RiskEvent } from '@patchdesk/modules/sdk/trading-feed';
import { readBarCsvFile } from '../market/bar-csv';
import { prepareOrderRequest } from '../trading/order-request';
import { Run } from './run';

const patchesDir = new URL('../../patches/', import.meta.url);
const registry = createBuiltinRegistry();
const files = ['ema-cross-rsi.json', 'bollinger-mean-reversion.json', 'atr-breakout.json'];
const btc = 'BTC/USDT:USDT';

function load(file: string): Patch {
  const parsed = parsePatchJson(readFileSync(new URL(file, patchesDir), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problems.map((problem) => problem.message).join('; '));
  return parsed.patch;
}

function categoryOf(patch: Patch, moduleId: string): string {
  const module = patch.modules.find((candidate) => candidate.id === moduleId);
  return module ? module.type.split('/')[0] : '';
}

describe('example patches place orders', async () => {
  const bars = await readBarCsvFile(new URL('data/btc-usdt-perp-1m-sample.csv', patchesDir).pathname);

  it.each(files)('%s wires every order module through a risk gate into the broker sink', (file) => {
    const patch = load(file);
    const sinks = patch.modules.filter((module) => module.type === 'sinks/broker');
    expect(sinks).toHaveLength(1);
    const intoSink = patch.cables.filter((cable) => cable.to.module === sinks[0].id);
    expect(intoSink.length).toBeGreaterThan(0);
    for (const cable of intoSink)
      expect(categoryOf(patch, cable.from.module), cable.from.module).toBe('risk');
    const orderModules = patch.modules.filter((module) => module.type.startsWith('orders/'));
    expect(orderModules.length).toBeGreaterThan(0);
    for (const module of orderModules) {
      const out = patch.cables.filter(
        (cable) => cable.from.module === module.id && cable.from.port === 'intent',
      );
      expect(
        out.map((cable) => categoryOf(patch, cable.to.module)),
        module.id,
      ).toEqual(['risk']);
    }
  });

  it.each(files)('%s without a broker: intents reach the sink and are dropped as NO_BROKER', async (file) => {
    const patch = load(file);
    const run = new Run({ patch, registry, bars, pacing: { kind: 'virtual' } });
    const status = await run.start();
    expect(status).toMatchObject({ state: 'stopped', barsDelivered: bars.length });
    expect(run.kernel.read('broker.refused')).toBeGreaterThan(0);
    expect(run.kernel.read('broker.sent')).toBe(0);
    expect(run.kernel.read('broker.code')).toBe(riskCodeNumber('NO_BROKER'));
  });

  it.each(files)(
    '%s with a trading feed: valid orders land in the outbox, drained each tick',
    async (file) => {
      const patch = load(file);
      const feed = createTradingFeed({
        symbol: btc,
        instruments: [
          { symbol: btc, priceStep: 0.1, quantityStep: 0.001, minQuantity: 0.001, minNotional: 5 },
        ],
      });
      feed.account.equity = 10_000;
      const run = new Run({ patch, registry, bars, pacing: { kind: 'virtual' } });
      run.kernel.feeds.trading = feed;
      const intents: OrderIntent[] = [];
      const riskEvents: RiskEvent[] = [];
      run.events.on('tick', (_timeMs, bar) => {
        const drained = feed.outbox.drain();
        intents.push(...drained.intents);
        riskEvents.push(...drained.riskEvents);
        // What the run would do before the next tick: the newest price becomes the mark.
        const market = feed.markets.get(btc);
        if (bar && market) market.markPrice = bar.close;
      });
      await run.start();
      expect(intents.length).toBeGreaterThan(0);
      expect(feed.outbox.intentsDropped).toBe(0);
      expect(run.kernel.read('broker.sent')).toBe(intents.length);
      for (const [index, intent] of intents.entries()) {
        expect(intent.symbol).toBe(btc);
        expect(intent.createdAtMs).toBeGreaterThan(0);
        const prepared = prepareOrderRequest(intent, `pdtestX${index.toString(36)}`, feed.markets);
        expect(prepared.ok, JSON.stringify(prepared)).toBe(true);
      }
      // Every refusal was a gate's or the sink's, with a known code.
      for (const event of riskEvents) expect(riskCodeNumber(event.denial.code)).toBeGreaterThan(0);
    },
  );
});
