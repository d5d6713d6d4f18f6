// The parity check: re-run the patch version a paper run started with as a backtest, on exactly
// the bars its recording says were delivered, under the same venue model, clock grid and run
// key, and compare tick by tick: the tick's time, its bar, then every recorded output port in
// order, bit for bit; then the fills (price and time differences) and the order events. The
// first difference is the verdict; hot edits the run took are listed with their tick (the
// backtest does not take them, so a divergence at or after an edit is the edit showing).
// A run that read market streams is re-run on its market tape (MarketTapeReplay writes into the
// backtest's feed what the run's bridge applied, tick by tick); without a whole tape there is
// nothing to compare its market sources with, and the report says it cannot check.
import type { ParityDivergence, ParityReport } from '@patchdesk/modules/contracts/parity';
import { parsePatch } from '@patchdesk/modules/patch/schema';
import type { Patch } from '@patchdesk/modules/patch/types';
import type { Bar } from '@patchdesk/modules/sdk/ports';
import type { ModuleRegistry } from '@patchdesk/modules/sdk/registry';
import type { KernelApi } from '@patchdesk/modules/kernel/types';
import { createMarketFeed } from '@patchdesk/modules/sdk/market-feed';
import { MarketTapeReplay } from '../../engine/market-tape';
import { barColumnsFrom } from '../../market/bar-columns';
import { contentHash } from '../../patches/patch-files';
import { runBacktest } from '../runner';
import { recordingEventOf } from './broker-events';
import { compareFills, compareOrders } from './compare-events';
import { RecordingError, type Recording } from './read-recording';
import type { RecordingEvent } from './recording-types';
import { decodeChunk, type DecodedTick } from './tick-codec';

export async function checkParity(recording: Recording, registry: ModuleRegistry): Promise<ParityReport> {
  const { head } = recording;
  const patch = recordedPatch(recording);
  const market = head.config.market;
  if (market && !recording.tape) {
    return cannotCheck(
      recording,
      'the run read market streams but its market tape was not saved (the run did not end cleanly)',
    );
  }
  if (market && recording.tape?.truncated) {
    return cannotCheck(
      recording,
      `the tape was truncated at tick ${recording.tape.tape.ticks} (the run's market data passed its bound)`,
    );
  }
  const recordedTicks = recording.ticks;
  const cursor = recordedTickCursor(recording);
  const replayedEvents: RecordingEvent[] = [];
  let replayedTicks = 0;
  let divergence: ParityDivergence | null = null;

  await runBacktest({
    patch,
    registry,
    bars: barColumnsFrom(recordedBars(recording)),
    model: head.config.venue,
    runKey: head.config.runKey,
    tickIntervalMs: head.config.tickIntervalMs,
    barIntervalMs: head.config.barIntervalMs,
    ...(market && recording.tape
      ? { market: new MarketTapeReplay(createMarketFeed(market.streams), recording.tape.tape) }
      : {}),
    onStart: (run, session) => {
      session.broker.onEvent((event) => {
        const mapped = recordingEventOf(event, replayedTicks);
        if (mapped && replayedTicks < recordedTicks) replayedEvents.push(mapped);
      });
      run.events.on('tick', (timeMs, bar) => {
        const tick = replayedTicks++;
        if (divergence || tick >= recordedTicks) return;
        const recorded = cursor.next();
        if (recorded.done) return;
        divergence = compareTick(tick, recorded.value, timeMs, bar, run.kernel);
      });
    },
  });

  if (!divergence && replayedTicks < recordedTicks) {
    const recorded = cursor.next();
    const timeMs = recorded.done ? Number.NaN : recorded.value.timeMs;
    divergence = {
      kind: 'missing-tick',
      tick: replayedTicks,
      timeMs,
      moduleId: null,
      port: null,
      recorded: `a tick at ${timeMs}`,
      replayed: 'the backtest had ended',
    };
  }
  const recordedEvents = recording.events.filter((event) => event.tick < recordedTicks);
  const fills = compareFills(recordedEvents, replayedEvents);
  const orders = compareOrders(recordedEvents, replayedEvents);
  const edits = editsOf(recording);
  const truncated = recording.state === 'truncated';
  const identical =
    divergence === null && fills.differing === 0 && orders.firstDifference === null && !truncated;
  return {
    runId: head.runId,
    patchName: head.patchName,
    patchHash: head.patchHash,
    recordingState: recording.state,
    ticksRecorded: recordedTicks,
    ticksReplayed: Math.min(replayedTicks, recordedTicks),
    identical,
    verdict: verdictOf({ identical, divergence, truncated, recordedTicks, fills, orders, edits }),
    firstDivergence: divergence,
    edits,
    fills,
    orders,
  };
}

/** A report that compares nothing: what is missing for a verdict, said plainly. */
function cannotCheck(recording: Recording, why: string): ParityReport {
  const { head } = recording;
  const recorded = recording.events;
  return {
    runId: head.runId,
    patchName: head.patchName,
    patchHash: head.patchHash,
    recordingState: recording.state,
    ticksRecorded: recording.ticks,
    ticksReplayed: 0,
    identical: false,
    verdict: `cannot check: ${why}`,
    firstDivergence: null,
    edits: editsOf(recording),
    fills: {
      recorded: recorded.filter((event) => event.kind === 'fill').length,
      replayed: 0,
      differing: 0,
      differences: [],
    },
    orders: {
      recorded: recorded.filter((event) => event.kind === 'order').length,
      replayed: 0,
      firstDifference: null,
    },
  };
}

function editsOf(recording: Recording): ParityReport['edits'] {
  return recording.events.flatMap((event) =>
    event.kind === 'patched'
      ? [{ tick: event.tick, timeMs: event.atMs, patchHash: event.payload.patchHash }]
      : [],
  );
}

/** The recorded patch, checked: it must parse and hash to what the run recorded. */
function recordedPatch(recording: Recording): Patch {
  const parsed = parsePatch(recording.head.patch);
  const corrupt = (what: string) =>
    new RecordingError(
      `the recording of run "${recording.head.runId}" is corrupt: its patch ${what}`,
      'RECORDING_CORRUPT',
    );
  if (!parsed.ok) throw corrupt(`does not parse (${parsed.problems[0]?.message ?? 'invalid'})`);
  if (contentHash(parsed.patch) !== recording.head.patchHash) {
    throw corrupt(`does not match its recorded hash ${recording.head.patchHash.slice(0, 12)}`);
  }
  return parsed.patch;
}

function* recordedTickCursor(recording: Recording): Generator<DecodedTick & { ports: readonly string[] }> {
  for (const chunk of recording.chunks) {
    for (const tick of decodeChunk(chunk)) yield { ...tick, ports: chunk.ports };
  }
}

/** The bars the run delivered, in order (each tick that delivered one). */
function recordedBars(recording: Recording): Bar[] {
  const bars: Bar[] = [];
  for (const chunk of recording.chunks) {
    for (const tick of decodeChunk(chunk)) if (tick.bar) bars.push(tick.bar);
  }
  return bars;
}

function compareTick(
  tick: number,
  recorded: DecodedTick & { ports: readonly string[] },
  timeMs: number,
  bar: Bar | null,
  kernel: KernelApi,
): ParityDivergence | null {
  const at = { tick, timeMs: recorded.timeMs, moduleId: null, port: null };
  if (!Object.is(recorded.timeMs, timeMs)) {
    return { ...at, kind: 'time', recorded: String(recorded.timeMs), replayed: String(timeMs) };
  }
  if (barText(recorded.bar) !== barText(bar)) {
    return { ...at, kind: 'bar', recorded: barText(recorded.bar), replayed: barText(bar) };
  }
  const { ports, values } = recorded;
  for (let i = 0; i < ports.length; i++) {
    let replayed: number;
    try {
      replayed = kernel.read(ports[i]);
    } catch {
      return {
        ...at,
        ...portOf(ports[i]),
        kind: 'missing-port',
        recorded: String(values[i]),
        replayed: 'absent',
      };
    }
    if (!Object.is(replayed, values[i])) {
      return {
        ...at,
        ...portOf(ports[i]),
        kind: 'value',
        recorded: String(values[i]),
        replayed: String(replayed),
      };
    }
  }
  return null;
}

function portOf(key: string): { moduleId: string; port: string } {
  const dot = key.lastIndexOf('.');
  return { moduleId: key.slice(0, dot), port: key.slice(dot + 1) };
}

function barText(bar: Bar | null): string {
  if (!bar) return 'no bar';
  return `bar ${bar.timeMs} o=${bar.open} h=${bar.high} l=${bar.low} c=${bar.close} v=${bar.volume}`;
}

function verdictOf(facts: {
  identical: boolean;
  divergence: ParityDivergence | null;
  truncated: boolean;
  recordedTicks: number;
  fills: ParityReport['fills'];
  orders: ParityReport['orders'];
  edits: ParityReport['edits'];
}): string {
  if (facts.identical) {
    return `identical over ${facts.recordedTicks} ticks, ${facts.fills.recorded} fills and ${facts.orders.recorded} order events`;
  }
  const parts: string[] = [];
  const d = facts.divergence;
  if (d) {
    const where = d.moduleId ? ` at ${d.moduleId}.${d.port}` : '';
    parts.push(
      `diverges at tick ${d.tick} (time ${d.timeMs})${where}: ${d.kind}, recorded ${d.recorded}, backtest ${d.replayed}`,
    );
    const edit = [...facts.edits].reverse().find((e) => e.tick <= d.tick);
    if (edit)
      parts.push(
        `the run was hot-edited at tick ${edit.tick}; the backtest re-runs the version it started with`,
      );
  }
  if (facts.fills.differing > 0)
    parts.push(
      `${facts.fills.differing} fills differ (${facts.fills.recorded} recorded, ${facts.fills.replayed} in the backtest)`,
    );
  if (facts.orders.firstDifference)
    parts.push(`order events differ from event ${facts.orders.firstDifference.index}`);
  if (facts.truncated)
    parts.push('the recording is truncated (its writer fell behind), so parity cannot be shown');
  if (!d && facts.edits.length > 0)
    parts.push(`hot edits at ticks ${facts.edits.map((e) => e.tick).join(', ')}`);
  return parts.join('; ');
}
