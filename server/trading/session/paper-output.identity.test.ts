// Speed work on the paper tick (the sim venue's bar walk, the feed refresh) must not change a
// single output. Each example patch is paper-traded over the bundled sample (cross margin; and
// isolated with a mark series and funding) and everything it produces is hashed: every broker
// event, every journal entry and the feed the patch reads after every tick. The pinned digests
// were taken from the code before that work (commit fe68547); any change to an output, however
// small, changes them. If an output changes on purpose, say why in the commit and re-pin.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import { describe, expect, it } from 'vitest';
import { sampleBars } from '../../backtest/testing';
import { Run } from '../../engine/run';
import type { JournalEntry } from '../journal/journal-entries';
import { venueModelOf } from './paper-config';
import { TradingSession } from './trading-session';

const pinned: Record<string, string> = {
  'atr-breakout/false': '494ba217ddc601798ce25797',
  'atr-breakout/true': '359ed1412120874efcbcb71c',
  'ema-cross-rsi/false': 'fd01ab9d62a4542635d40d10',
  'ema-cross-rsi/true': '28eb9d58e7bed9fe20f0a5c1',
  'bollinger-mean-reversion/false': '5285cf169d5a9383cfb221f4',
  'bollinger-mean-reversion/true': 'e8a28a7a2bebe6cf9bdd067e',
};

function patchOf(name: string) {
  const parsed = parsePatchJson(
    readFileSync(new URL(`../../../patches/${name}.json`, import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error(`${name}.json does not parse`);
  return parsed.patch;
}

const json = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

async function outputDigest(name: string, isolated: boolean) {
  const bars = sampleBars();
  const funding: { timeMs: number; rate: number }[] = [];
  const marks: { timeMs: number; price: number }[] = [];
  if (isolated) {
    for (let i = 0; i < bars.length; i += 480)
      funding.push({ timeMs: bars.timeMs[i], rate: i % 960 ? 0.0001 : -0.0002 });
    for (let i = 0; i < bars.length; i += 7) marks.push({ timeMs: bars.timeMs[i], price: bars.open[i] + 3 });
  }
  const hash = createHash('sha256');
  const journal = {
    append(group: readonly JournalEntry[]) {
      hash.update(`journal ${json(group)}\n`);
      return { ok: true as const, firstSeq: 0, lastSeq: 0 };
    },
  };
  const trading = new TradingSession({
    model: venueModelOf(isolated ? { marginMode: 'isolated', leverage: 20 } : {}),
    runKey: 'identity',
    funding,
    marks,
    journal,
  });
  trading.broker.onEvent((event) => hash.update(`event ${json(event)}\n`));
  const run = new Run({
    patch: patchOf(name),
    registry: createBuiltinRegistry(),
    bars,
    pacing: { kind: 'virtual' },
    trading,
  });
  run.events.on('tick', (timeMs) => {
    hash.update(
      `tick ${timeMs} ${json(trading.feed.account)} ${json([...trading.feed.positions.values()])}\n`,
    );
  });
  await run.start();
  return { digest: hash.digest('hex').slice(0, 24), fills: trading.records.fillCount };
}

describe('paper outputs are bit-identical to the pinned ones', () => {
  it.each([
    ['atr-breakout', false],
    ['atr-breakout', true],
    ['ema-cross-rsi', false],
    ['ema-cross-rsi', true],
    ['bollinger-mean-reversion', false],
    ['bollinger-mean-reversion', true],
  ] as const)('%s (isolated with marks and funding: %s)', async (name, isolated) => {
    const { digest, fills } = await outputDigest(name, isolated);
    expect(fills).toBeGreaterThan(0);
    expect(digest).toBe(pinned[`${name}/${isolated}`]);
  });
});
