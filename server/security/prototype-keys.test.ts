// Issue 7, item 6 (hub side): a `__proto__`, `constructor` or `prototype` key in hub arguments is
// refused with a message naming it and where it is, for that invocation only: never silently
// dropped (JSON), never a reason to close the whole connection (MessagePack), never a way to
// change an object's prototype.
import { encode } from '@msgpack/msgpack';
import type { HubConnection } from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditResult, PatchDocument } from '@patchdesk/modules/contracts/hubs';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import { frameBinary } from '../hubs/signalr/binary-framing';
import { connectRaw, parseFrames, waitForFrames } from '../hubs/signalr/testing/raw-client';
import { startTestServer } from '../main/test-server';
import type { TestServer } from '../main/test-server';

let test: TestServer;
let msgpack: HubConnection;
let json: HubConnection;

beforeAll(async () => {
  test = await startTestServer();
  msgpack = await test.connect(hubPaths.patch);
  json = await test.connect(hubPaths.patch, { protocol: 'json' });
  await msgpack.invoke('createPatch', 'proto-target', null);
});
afterAll(() => test.stop());

/** An object with an own `__proto__` key, as JSON.parse builds it and a client encodes it. */
function withOwnKey(
  key: string,
  value: unknown,
  rest: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...rest, ...(JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value)}}`) as object) };
}

function emaModule(params: Record<string, unknown>) {
  return { id: 'ema', type: 'indicators/ema', params, position: { x: 0, y: 0 } };
}

describe('item 6: forbidden keys in hub arguments', () => {
  for (const [name, client] of [
    ['MessagePack', () => msgpack],
    ['JSON', () => json],
  ] as const) {
    it(`${name}: refuses a __proto__ param key for that call only, and the connection carries on`, async () => {
      const params = withOwnKey('__proto__', { polluted: true }, { period: 5 });
      await expect(client().invoke('addModule', 'proto-target', emaModule(params))).rejects.toThrow(
        "argument 2 (module): the key '__proto__' (at params) is not allowed: the keys '__proto__', 'constructor', 'prototype' are refused in any input.",
      );
      const document = await client().invoke<PatchDocument>('getPatch', 'proto-target');
      expect(document.patch.modules).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it(`${name}: refuses constructor and prototype keys, at any depth`, async () => {
      await expect(
        client().invoke('addModule', 'proto-target', emaModule(withOwnKey('constructor', 1))),
      ).rejects.toThrow("the key 'constructor' (at params) is not allowed");
      await expect(
        client().invoke('applyEdits', 'proto-target', [
          { kind: 'addModule', module: emaModule(withOwnKey('prototype', { x: 1 })) },
        ]),
      ).rejects.toThrow("argument 2 (edits): the key 'prototype' (at [0].module.params) is not allowed");
    });

    it(`${name}: refuses __proto__ as a param name in setParam`, async () => {
      await client().invoke<EditResult>('addModule', 'proto-target', emaModule({ period: 3 }));
      try {
        await expect(client().invoke('setParam', 'proto-target', 'ema', '__proto__', 5)).rejects.toThrow(
          "argument 3 (param): the name '__proto__' is not allowed",
        );
      } finally {
        await client().invoke<EditResult>('removeModule', 'proto-target', 'ema');
      }
    });
  }

  it('MessagePack: a __proto__ map key anywhere in a raw frame fails that invocation, not the connection', async () => {
    const raw = await connectRaw(`${test.server.url}${hubPaths.patch}`, 'messagepack');
    // hand-encoded map {"__proto__": 1} inside the arguments (the encoder would not write it)
    const protoMap = Buffer.from([0x81, 0xa9, ...Buffer.from('__proto__'), 0x01]);
    const prefix = encode([1, {}, 'bad', 'getPatch']);
    const args = Buffer.concat([Buffer.from([0x91]), protoMap]);
    const message = Buffer.concat([Buffer.from([0x95]), prefix.subarray(1), args]);
    raw.socket.send(
      Buffer.concat([frameBinary(message), frameBinary(encode([1, {}, 'good', 'listPatches', []]))]),
    );
    await waitForFrames(raw, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const answers = parseFrames(raw.frames, 'messagepack');
    expect(answers).toContainEqual(
      expect.objectContaining({
        type: 3,
        invocationId: 'bad',
        error: expect.stringContaining("argument 1 (patchName): the key '__proto__' is not allowed"),
      }),
    );
    expect(answers).toContainEqual(
      expect.objectContaining({ type: 3, invocationId: 'good', result: expect.any(Array) }),
    );
    expect(answers.some((answer) => answer.type === 7)).toBe(false);
    raw.socket.close();
  });
});
