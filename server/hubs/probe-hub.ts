// ProbeHub (/hubs/probe): live values of chosen outputs. A subscription is a server stream of
// frames, sent only when a value changed and at most 30 a second; the stream is coalescing, so
// a slow client gets the newest frame rather than a backlog. A subscription to a patch that is
// not running waits for it to start and outlives hot patches (a removed port then reads NaN).
// `history` hands back the last minutes the server kept of a patch's probes (probe-keeper.ts).
import { z } from 'zod';
import type { ProbeFrame, ProbeHubMethods } from '@patchdesk/modules/contracts/hubs';
import type { RunManager } from '../engine/run-manager';
import { withCallerErrors } from './domain-errors';
import type { ProbeKeeper } from './probe-keeper';
import { pushStream } from './push-stream';
import { defineHub, hubMethod, hubStream, HubError } from './signalr/index';
import type { HubDefinition, InvocationContext } from './signalr/index';

export const probeFramesPerSecondMax = 30;
export const probePortsPerSubscriptionMax = 256;
export const probeSubscriptionsPerConnectionMax = 64;
const frameIntervalMs = 1000 / probeFramesPerSecondMax;
const subscriptionsKey = 'probe.subscriptions';

const portKeySchema = z
  .string()
  // Inside a subpatch the module is its path, INSTANCE/MODULE (e.g. "sub1/ema.out").
  .regex(
    /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)?\.[^.\s]+$/,
    'a probe port is written MODULE.PORT, e.g. "fast.out" (inside a subpatch "sub1/fast.out")',
  );
const subscriptionIdSchema = z.string().min(1).max(100);

type ProbeRuns = Pick<RunManager, 'checkProbePorts' | 'watchTicks'>;

export function createProbeHub(runManager: ProbeRuns, keeper: ProbeKeeper | null = null): HubDefinition {
  const methods: Record<keyof ProbeHubMethods, ReturnType<typeof hubMethod>> = {
    subscribe: hubStream(
      z.tuple([
        z.string().max(200).describe('patchName'),
        z.array(portKeySchema).min(1).max(probePortsPerSubscriptionMax).describe('ports'),
        subscriptionIdSchema.describe('subscriptionId'),
      ]),
      (ctx, patchName, ports, subscriptionId) =>
        probeFrames(runManager, ctx, patchName, ports, subscriptionId),
      { coalesce: true },
    ),
    unsubscribe: hubMethod(
      z.tuple([subscriptionIdSchema.describe('subscriptionId')]),
      (ctx, subscriptionId) => {
        const controller = subscriptionsOf(ctx).get(subscriptionId);
        controller?.abort();
        return controller !== undefined;
      },
    ),
    history: hubMethod(
      z.tuple([
        z.string().max(200).describe('patchName'),
        z.array(portKeySchema).max(probePortsPerSubscriptionMax).describe('ports'),
      ]),
      (_ctx, patchName, ports) =>
        keeper ? keeper.history(patchName, ports) : { timeMs: [], values: ports.map(() => []), keptMs: 0 },
    ),
  };
  return defineHub({ name: 'ProbeHub', methods });
}

function subscriptionsOf(ctx: InvocationContext): Map<string, AbortController> {
  let subscriptions = ctx.items.get(subscriptionsKey) as Map<string, AbortController> | undefined;
  if (!subscriptions) {
    subscriptions = new Map();
    ctx.items.set(subscriptionsKey, subscriptions);
  }
  return subscriptions;
}

async function* probeFrames(
  runManager: ProbeRuns,
  ctx: InvocationContext,
  patchName: string,
  ports: string[],
  subscriptionId: string,
): AsyncGenerator<ProbeFrame> {
  const subscriptions = subscriptionsOf(ctx);
  if (subscriptions.has(subscriptionId))
    throw new HubError(`probe subscription "${subscriptionId}" is already open`);
  if (subscriptions.size >= probeSubscriptionsPerConnectionMax) {
    throw new HubError(`at most ${probeSubscriptionsPerConnectionMax} probe subscriptions per connection`);
  }
  await withCallerErrors(() => runManager.checkProbePorts(patchName, ports));
  const own = new AbortController();
  subscriptions.set(subscriptionId, own);
  try {
    const signal = AbortSignal.any([ctx.signal, own.signal]);
    yield* pushStream<ProbeFrame>({ signal, capacity: 1 }, (sink) => {
      let last: Float64Array | null = null;
      let lastSentAtMs = -Infinity;
      let pending: { timeMs: number; values: Float64Array } | null = null;
      let timer: NodeJS.Timeout | null = null;
      const send = (timeMs: number, values: Float64Array): void => {
        pending = null;
        last = values;
        lastSentAtMs = performance.now();
        sink.push({ subscriptionId, timeMs, values });
      };
      const stopWatching = runManager.watchTicks(patchName, (timeMs, read) => {
        const values = new Float64Array(ports.length);
        for (let i = 0; i < ports.length; i++) values[i] = read(ports[i]);
        if (last !== null && sameValues(values, last)) {
          pending = null;
          return;
        }
        const waitMs = lastSentAtMs + frameIntervalMs - performance.now();
        if (waitMs <= 0) return send(timeMs, values);
        pending = { timeMs, values };
        timer ??= setTimeout(() => {
          timer = null;
          if (pending) send(pending.timeMs, pending.values);
        }, waitMs);
      });
      return () => {
        stopWatching();
        if (timer) clearTimeout(timer);
      };
    });
  } finally {
    subscriptions.delete(subscriptionId);
  }
}

/** Equal including NaN == NaN: an output that stays NaN has not changed. */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
