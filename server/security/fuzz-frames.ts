// Seeded hub frames for the security fuzz: mostly well-formed hub messages aimed at the real hubs
// with hostile arguments (wrong types, forbidden keys, paths, huge and odd numbers, deep
// nesting, plausible-but-wrong patch edits), other message types, batches, and now and then
// plain garbage. The same seed gives the same frames.
import { Encoder } from '@msgpack/msgpack';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import { seededRandom } from '@patchdesk/modules/sdk/seeded-random';
import { frameBinary } from '../hubs/signalr/binary-framing';

export type FuzzProtocol = 'json' | 'messagepack';

export interface FuzzHub {
  path: string;
  methods: readonly string[];
  streams: readonly string[];
  /** A call that goes through the connection's queue and always answers (a wrong argument count). */
  barrier: { target: string; stream: boolean };
}

export const fuzzHubs: readonly FuzzHub[] = [
  {
    path: hubPaths.patch,
    methods: [
      'getCatalog',
      'listPatches',
      'getPatch',
      'createPatch',
      'renamePatch',
      'addModule',
      'removeModule',
      'moveModule',
      'connect',
      'disconnect',
      'setParam',
      'applyEdits',
      'savePatch',
      'listVersions',
      'diffVersions',
      'restoreVersion',
    ],
    streams: [],
    barrier: { target: 'getPatch', stream: false },
  },
  {
    path: hubPaths.state,
    methods: ['start', 'stop', 'getStatus', 'listDatasets'],
    streams: [],
    barrier: { target: 'stop', stream: false },
  },
  {
    path: hubPaths.probe,
    methods: ['unsubscribe', 'history'],
    streams: ['subscribe'],
    barrier: { target: 'unsubscribe', stream: false },
  },
  { path: hubPaths.logs, methods: [], streams: ['stream'], barrier: { target: 'stream', stream: true } },
];

export interface FuzzFrame {
  bytes: Buffer;
  /** Hub messages in the frame. */
  messages: number;
  /** Not a valid hub message: the server is expected to close the connection. */
  garbage: boolean;
}

const patchNames = ['ema-cross-rsi', 'atr-breakout', 'bollinger-mean-reversion', 'fuzz-a', 'no-such'];
const moduleIds = ['bars', 'ema-fast', 'ema-slow', 'rsi', 'x'];
const hostileStrings = [
  '',
  '__proto__',
  'constructor',
  'prototype',
  '../../etc/passwd',
  '/etc/passwd',
  '/proc/self/environ',
  '/dev/zero',
  'sample',
  'C:\\Windows\\win.ini',
  '%E0%A4%A',
  '\u0000\uffff\ud800',
  'a'.repeat(300),
  'ema.out',
  'bars.close',
  'indicators/ema',
];
const keys = [
  'id',
  'type',
  'params',
  'position',
  'x',
  'y',
  'kind',
  'module',
  'moduleId',
  'port',
  'from',
  'to',
  'dataset',
  'bars',
  'barsPerTick',
  'loop',
  'minLevel',
  'run',
  'period',
  'value',
  '__proto__',
  'constructor',
  'prototype',
];
const numbers = [0, -0, 1, -1, 0.5, 3, 1e308, -1e308, 2 ** 53, -(2 ** 31), 1e-320, 10_001, 65_536];

// deep enough for the deeply nested arguments (the library's default stops at 100)
const encoder = new Encoder({ maxDepth: 10_000 });
const encode = (value: unknown): Uint8Array => encoder.encode(value);

export function createFrameSource(seed: number) {
  const next = seededRandom(seed);
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const chance = (p: number) => next() < p;

  function string(): string {
    if (chance(0.5)) return pick(hostileStrings);
    if (chance(0.5)) return pick([...patchNames, ...moduleIds]);
    return Array.from({ length: int(12) }, () => String.fromCharCode(32 + int(95))).join('');
  }

  function object(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let count = int(5); count > 0; count--) {
      // defineProperty: assigning `__proto__` would set the prototype instead of a key
      Object.defineProperty(out, chance(0.8) ? pick(keys) : string(), {
        value: value(depth + 1),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    }
    return out;
  }

  function value(depth = 0): unknown {
    const roll = int(depth > 3 ? 6 : 9);
    switch (roll) {
      case 0:
        return null;
      case 1:
        return chance(0.5);
      case 2:
        return pick(numbers);
      case 3:
        return int(1_000) - 500;
      case 4:
      case 5:
        return string();
      case 6:
        return Array.from({ length: int(5) }, () => value(depth + 1));
      case 7:
        return object(depth);
      default:
        return object(depth);
    }
  }

  /**
   * An invocation whose one argument is nested 2,000 to 10,000 deep, written by hand (encoders
   * recurse and would overflow first): past what any recursive walk on the server could take.
   */
  function deepFrame(hub: FuzzHub, protocol: FuzzProtocol): Buffer {
    const depth = 2_000 + int(8_000);
    const target = pick([...hub.methods, ...hub.streams, 'nope']);
    const proto = chance(0.5);
    if (protocol === 'json') {
      const inner = proto ? '{"__proto__":{"x":1}}' : '{"period":3}';
      const open = Array.from({ length: depth }, () => (chance(0.5) ? '[' : '{"a":')).join('');
      const close = [...open.matchAll(/\[|\{"a":/g)]
        .reverse()
        .map((match) => (match[0] === '[' ? ']' : '}'))
        .join('');
      const text = `{"type":1,"invocationId":"deep","target":${JSON.stringify(target)},"arguments":[${open}${inner}${close}]}\u001e`;
      return Buffer.from(text);
    }
    const levels = Buffer.from(
      Array.from({ length: depth }, () => (chance(0.5) ? [0x91] : [0x81, 0xa1, 0x61])).flat(),
    );
    const inner = Buffer.from(encodeProtoMap(proto));
    const head = encode([1, {}, 'deep', target]);
    // [1, {}, 'deep', target, [levels... inner]]: widen the 4-array header to 5, then one argument
    const body = Buffer.concat([
      Buffer.from([0x95]),
      Buffer.from(head.subarray(1)),
      Buffer.from([0x91]),
      levels,
      inner,
    ]);
    return frameBinary(body);
  }

  /** {"__proto__": {"x": 1}} or {"period": 3} as MessagePack bytes. */
  function encodeProtoMap(proto: boolean): number[] {
    const key = proto ? '__proto__' : 'period';
    const value = proto ? [0x81, 0xa1, 0x78, 0x01] : [0x03];
    return [0x81, 0xa0 | key.length, ...Buffer.from(key), ...value];
  }

  function module(): Record<string, unknown> {
    const params: Record<string, unknown> = { period: pick([3, 0, -1, 1e9, 'x', null]) };
    if (chance(0.3))
      Object.defineProperty(params, pick(['__proto__', 'constructor', 'prototype']), {
        value: 1,
        enumerable: true,
      });
    return {
      id: pick(moduleIds),
      type: pick(['indicators/ema', 'sources/bars', 'math/add', 'nope', 'indicators/rsi']),
      params,
      position: { x: pick(numbers), y: int(500) },
    };
  }

  /** Arguments that get past the first checks now and then, so the handlers run too. */
  function plausible(target: string): unknown[] {
    const name = pick(patchNames);
    const cable = {
      from: { module: pick(moduleIds), port: pick(['close', 'out', 'bar']) },
      to: { module: pick(moduleIds), port: pick(['in', 'a']) },
    };
    switch (target) {
      case 'addModule':
        return [name, module()];
      case 'setParam':
        return [name, pick(moduleIds), pick(['period', '__proto__', 'x']), pick([5, null, 'x', true, 1e308])];
      case 'moveModule':
        return [name, pick(moduleIds), { x: int(100), y: chance(0.8) ? int(100) : undefined }];
      case 'connect':
      case 'disconnect':
        return [name, cable];
      case 'applyEdits':
        return [
          name,
          [
            { kind: 'addModule', module: module() },
            { kind: pick(['connect', 'setParam', 'bogus']), cable },
          ],
        ];
      case 'start':
        return [
          name,
          chance(0.5)
            ? { dataset: string(), barsPerTick: pick([1, 0, 5, null]) }
            : { bars: pick(hostileStrings) },
        ];
      case 'subscribe':
        return [name, [pick(['ema-fast.out', 'bars.close', 'nope.out', '__proto__.x'])], `sub-${int(10)}`];
      case 'stream':
        return [chance(0.5) ? { minLevel: pick(['warn', 'nope']) } : null];
      case 'savePatch':
        return [name, string(), int(3)];
      case 'diffVersions':
        return [name, int(3), int(3)];
      default:
        return [name];
    }
  }

  function hubMessage(hub: FuzzHub): Record<string, unknown> {
    const roll = int(100);
    const id = String(int(1_000_000));
    const known = [...hub.methods, ...hub.streams];
    const target =
      known.length > 0 && chance(0.9)
        ? pick(known)
        : pick(['nope', 'GETCATALOG', 'constructor', '__proto__', 'toString']);
    const args = chance(0.3) ? plausible(target) : Array.from({ length: int(5) }, () => value());
    if (roll < 70) {
      const message: Record<string, unknown> = { type: 1, target, arguments: args };
      if (chance(0.8)) message.invocationId = id;
      if (chance(0.04)) message.streamIds = [String(int(5))];
      if (chance(0.05)) message.headers = { a: string() };
      return message;
    }
    if (roll < 80) return { type: 4, invocationId: id, target, arguments: args };
    if (roll < 85) return { type: 5, invocationId: String(int(10)) };
    if (roll < 90) return { type: 2, invocationId: String(int(10)), item: value() };
    if (roll < 94) return { type: 3, invocationId: String(int(10)), result: value() };
    if (roll < 97) return { type: 6 };
    return { type: pick([11, 99, 0]), sequenceId: int(10) };
  }

  function encodeMessage(message: Record<string, unknown>, protocol: FuzzProtocol): Buffer {
    if (protocol === 'json') return Buffer.from(JSON.stringify(message) + '\u001e');
    const type = message.type as number;
    const headers = (message.headers as object | undefined) ?? {};
    let array: unknown[];
    switch (type) {
      case 1:
      case 4:
        array = [type, headers, message.invocationId ?? null, message.target, message.arguments];
        if (message.streamIds !== undefined) array.push(message.streamIds);
        break;
      case 2:
        array = [type, headers, message.invocationId, message.item];
        break;
      case 3:
        array = [type, headers, message.invocationId, 3, message.result];
        break;
      case 5:
        array = [type, headers, message.invocationId];
        break;
      case 6:
        array = [type];
        break;
      default:
        array = [type, message.sequenceId];
    }
    return frameBinary(encode(array));
  }

  function garbage(protocol: FuzzProtocol): Buffer {
    const valid = encodeMessage({ type: 1, invocationId: '1', target: 'x', arguments: [] }, protocol);
    switch (int(4)) {
      case 0:
        return Buffer.from(
          Array.from({ length: 1 + int(64) }, () => int(256)).concat(protocol === 'json' ? [0x1e] : []),
        );
      case 1: {
        const flipped = Buffer.from(valid);
        flipped[protocol === 'json' ? 0 : 1] = 0xc1; // never valid JSON, never-used MessagePack byte
        return flipped;
      }
      case 2:
        return protocol === 'json'
          ? Buffer.from('{"type":1,"target":7,"arguments":[]}\u001e')
          : frameBinary(encode([1, {}, 5, 'x', []]));
      default:
        return protocol === 'json' ? Buffer.from('[]\u001e') : frameBinary(encode('not an array'));
    }
  }

  return {
    /** One WebSocket message for `hub`: usually one hub message, sometimes a batch or garbage. */
    frame(hub: FuzzHub, protocol: FuzzProtocol): FuzzFrame {
      if (chance(0.004)) return { bytes: garbage(protocol), messages: 1, garbage: true };
      if (chance(0.002)) return { bytes: deepFrame(hub, protocol), messages: 1, garbage: false };
      const count = chance(0.03) ? 2 + int(4) : 1;
      const parts = Array.from({ length: count }, () => encodeMessage(hubMessage(hub), protocol));
      return { bytes: Buffer.concat(parts), messages: count, garbage: false };
    },
    /** The barrier call with `id`: answered in queue order, so its answer means the queue is empty. */
    barrier(hub: FuzzHub, protocol: FuzzProtocol, id: string): Buffer {
      const { target, stream } = hub.barrier;
      return encodeMessage(
        { type: stream ? 4 : 1, invocationId: id, target, arguments: [1, 2, 3, 4, 5, 6] },
        protocol,
      );
    },
    pick,
  };
}
