import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { findForbiddenKey } from '@patchdesk/modules/sdk/forbidden-keys';
import { frameBinary } from './binary-framing';
import { createMsgpackProtocol } from './msgpack-protocol';

const protocol = createMsgpackProtocol(1024 * 1024);

/** [1, {}, "1", "f", [ARG]] with ARG given as raw MessagePack bytes. */
function invocationWith(argument: number[]): Buffer {
  const head = encode([1, {}, '1', 'f']);
  return frameBinary(
    Buffer.concat([Buffer.from([0x95]), Buffer.from(head.subarray(1)), Buffer.from([0x91, ...argument])]),
  );
}
const key = (text: string) => [0xa0 | text.length, ...Buffer.from(text)];

describe('MessagePack maps with a __proto__ key', () => {
  it('decode without touching any prototype, the key kept where the hub check finds it', () => {
    // {"a": {"__proto__": {"polluted": 1}}}
    const bytes = invocationWith([
      0x81,
      ...key('a'),
      0x81,
      ...key('__proto__'),
      0x81,
      ...key('polluted'),
      0x01,
    ]);
    const sizes: number[] = [];
    const [message] = protocol.parse(bytes, sizes);
    expect(message.type).toBe(1);
    const args = (message as { arguments: unknown[] }).arguments;
    const inner = (args[0] as { a: object }).a;
    expect(Object.getPrototypeOf(inner)).toBe(Object.prototype);
    expect((inner as { polluted?: number }).polluted).toBeUndefined();
    expect(findForbiddenKey(args)).toEqual({ key: '__proto__', path: [0, 'a'] });
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
    expect(sizes).toEqual([bytes.length - 1]);
  });

  it('keeps ordinary keys of every length as strings', () => {
    const long = 'k'.repeat(40);
    const [message] = protocol.parse(
      invocationWith([
        0x83,
        ...key('__proto_'),
        1,
        ...key('__proto__x'),
        2,
        0xd9,
        long.length,
        ...Buffer.from(long),
        3,
      ]),
    );
    expect((message as { arguments: unknown[] }).arguments[0]).toEqual({
      __proto_: 1,
      __proto__x: 2,
      [long]: 3,
    });
  });
});
