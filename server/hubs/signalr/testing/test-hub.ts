// A hub exercising every kind of call, used by the tests with the official client.
import { z } from 'zod';
import { clientStream, defineHub, HubError, hubMethod, hubStream } from '../index';

export interface TestHubProbe {
  /** Invocation ids (by counter start value) whose stream saw its signal abort. */
  cancelled: number[];
  received: number[];
  connected: string[];
  disconnected: string[];
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export function createTestHub(probe: TestHubProbe) {
  return defineHub({
    name: 'TestHub',
    methods: {
      Echo: hubMethod(z.tuple([z.unknown()]), (_ctx, value) => value),
      add: hubMethod(z.tuple([z.number(), z.number()]), (_ctx, a, b) => a + b),
      whoAmI: hubMethod(z.tuple([]), (ctx) => ({
        connectionId: ctx.connectionId,
        authenticated: ctx.authenticated,
      })),
      nothing: hubMethod(z.tuple([]), () => undefined),
      nullResult: hubMethod(z.tuple([]), () => null),
      refuse: hubMethod(z.tuple([z.string()]), (_ctx, why) => {
        throw new HubError(why);
      }),
      crash: hubMethod(z.tuple([]), () => {
        throw new Error('secret internals');
      }),
      /** Holds the queue for `ms` (or until the connection closes); the payload only adds bytes. */
      wait: hubMethod(z.tuple([z.number().int().min(0).max(10_000), z.unknown().optional()]), (ctx, ms) =>
        sleep(ms, ctx.signal),
      ),
      record: hubMethod(z.tuple([z.number().int()]), (_ctx, value) => {
        probe.received.push(value);
      }),
      counter: hubStream(
        z.tuple([z.number().int(), z.number().int().min(1), z.number().int().min(0)]),
        async function* (ctx, start, count, delayMs) {
          try {
            for (let index = 0; index < count && !ctx.signal.aborted; index++) {
              yield start + index;
              if (delayMs > 0) await sleep(delayMs, ctx.signal);
            }
          } finally {
            if (ctx.signal.aborted) probe.cancelled.push(start);
          }
        },
      ),
      failingStream: hubStream(z.tuple([]), async function* () {
        yield 1;
        throw new HubError('stream broke');
      }),
      uploadSum: hubMethod(z.tuple([z.number(), clientStream(z.number())]), async (_ctx, base, items) => {
        let sum = base;
        for await (const item of items) sum += item;
        return sum;
      }),
      joinGroup: hubMethod(z.tuple([z.string()]), (ctx, group) => ctx.groups.add(group)),
      leaveGroup: hubMethod(z.tuple([z.string()]), (ctx, group) => ctx.groups.remove(group)),
      tellGroup: hubMethod(z.tuple([z.string(), z.string()]), (ctx, group, text) =>
        ctx.clients.group(group).send('told', group, text),
      ),
      tellOthersInGroup: hubMethod(z.tuple([z.string(), z.string()]), (ctx, group, text) =>
        ctx.clients.othersInGroup(group).send('told', group, text),
      ),
      pushToCaller: hubMethod(z.tuple([z.number().int().min(0).max(100_000)]), (ctx, count) => {
        for (let index = 0; index < count; index++) ctx.clients.caller.send('pushed', index);
        return count;
      }),
      floats: hubMethod(z.tuple([z.number().int().min(0)]), (_ctx, length) => {
        const values = new Float64Array(length);
        for (let index = 0; index < length; index++) values[index] = index + 0.5;
        if (length > 1) values[1] = Number.NaN;
        return values;
      }),
      /** Probe-like frames: `floats` float64 values tagged with their index, coalesced for a lagging client. */
      frames: hubStream(
        z.tuple([
          z.number().int().min(1),
          z.number().int().min(0),
          z
            .number()
            .int()
            .min(1)
            .max(1 << 20),
        ]),
        async function* (ctx, count, everyMs, floats) {
          const payload = new Float64Array(floats);
          for (let index = 0; index < count && !ctx.signal.aborted; index++) {
            payload[0] = index;
            yield { index, values: payload };
            await sleep(everyMs);
          }
        },
        { coalesce: true },
      ),
    },
    onConnected(ctx) {
      probe.connected.push(ctx.connectionId);
    },
    onDisconnected(ctx) {
      probe.disconnected.push(ctx.connectionId);
    },
  });
}
