import { Encoder } from '@msgpack/msgpack';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameBinary } from './binary-framing';
import { MessageType } from './messages';
import type { HubMessage } from './messages';
import { createMsgpackProtocol, messageToMsgpack } from './msgpack-protocol';
import type { MessageSpan } from './message-span';
import { MsgpackFrameWriter } from './msgpack-writer';

// The server's encoder settings: the writer must produce exactly these bytes.
const reference = new Encoder({ useBigInt64: true });
const expectedFrame = (value: unknown) => frameBinary(reference.encode(value));
/** The span's bytes; an empty buffer for a declined value, which matches no expected frame. */
const bytesOf = (span: MessageSpan | undefined) => span?.toBuffer() ?? Buffer.alloc(0);

/** Strings from any UTF-16 code units, lone surrogates included, around the 50-unit cut. */
const codeUnitString = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 70 })
  .map((codes) => String.fromCharCode(...codes));
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 80 }), codeUnitString);
const number = fc.oneof(
  fc.integer({ min: -0x1_0000_0000, max: 0x1_0000_0000 }),
  fc.constantFrom(0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, -0x20, -0x21, -0x80, -0x81, -0x8000, -0x8001),
  fc.maxSafeInteger(),
  fc.double(),
  fc.constant(-0),
);
const typedArray = fc.oneof(
  fc.float64Array({ maxLength: 40 }),
  fc.uint8Array({ maxLength: 300 }),
  fc.int32Array({ maxLength: 20 }),
  fc.uint8Array({ minLength: 8, maxLength: 40 }).map((bytes) => new DataView(bytes.buffer, 3, 5)),
);
const { value: payload } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.bigInt({ min: -(1n << 63n), max: (1n << 64n) - 1n }),
    typedArray,
    fc.array(tie('value'), { maxLength: 20 }),
    fc.dictionary(text, tie('value'), { maxKeys: 20 }),
  ),
}));

describe('MsgpackFrameWriter', () => {
  it('writes the same framed bytes as the library encoder for any supported value', () => {
    const writer = new MsgpackFrameWriter(256); // small slab: most runs roll over to a new one
    fc.assert(
      fc.property(payload, (value) => {
        const framed = writer.frame(undefined, value, 1);
        expect(framed).toBeDefined();
        expect(Buffer.compare(bytesOf(framed), expectedFrame(value))).toBe(0);
      }),
      { numRuns: 2_000 },
    );
  });

  it('matches at every header size boundary and with a multi-byte length prefix', () => {
    const writer = new MsgpackFrameWriter(1024);
    const values: unknown[] = [];
    for (const length of [0, 15, 16, 31, 32, 50, 51, 255, 256, 65_535, 65_536]) {
      values.push('a'.repeat(length), 'é'.repeat(length), new Uint8Array(length));
      values.push(Array.from({ length }, (_, index) => index % 3));
      values.push(Object.fromEntries(Array.from({ length }, (_, i) => [`k${i}`, i])));
    }
    values.push('\ud800'.repeat(50), '\ud800'.repeat(51), `${'x'.repeat(49)}\udc00`, '😀'.repeat(30));
    values.push(2 ** 32, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 2 ** 53, Number.NaN, -Infinity);
    const holey: unknown[] = [1];
    holey[2] = 3; // a hole reads as undefined: nil, as the library's for-of writes it
    values.push(-1n, 1n << 63n, Object.create(null) as object, holey);
    for (const value of values) {
      expect(Buffer.compare(bytesOf(writer.frame(undefined, value, 1)), expectedFrame(value))).toBe(0);
    }
  });

  it('writes a prefix ahead of the value, and keeps earlier messages intact when the slab rolls over', () => {
    const writer = new MsgpackFrameWriter(64);
    const prefix = Uint8Array.from([0x92, 0x01]);
    const written = Array.from({ length: 40 }, (_, index) => writer.frame(prefix, 'x'.repeat(index), 1));
    written.forEach((framed, index) => {
      expect(Buffer.compare(bytesOf(framed), expectedFrame([1, 'x'.repeat(index)]))).toBe(0);
    });
  });

  it('writes messages side by side in one slab', () => {
    const writer = new MsgpackFrameWriter(1024);
    const first = writer.frame(undefined, 'one', 1) as MessageSpan;
    const second = writer.frame(undefined, 'two', 1) as MessageSpan;
    expect(second.bytes).toBe(first.bytes);
    expect(second.start).toBe(first.end);
  });

  it('declines what the library treats specially, writing nothing, so the caller falls back', () => {
    const writer = new MsgpackFrameWriter(1024);
    class Point {
      x = 1;
    }
    let deep: unknown = 1;
    for (let depth = 0; depth < 100; depth++) deep = [deep];
    const declined = [new Date(0), new Point(), new Map([[1, 2]]), [1, new Date(0)], { f: () => 1 }, deep];
    for (const value of declined) expect(writer.frame(undefined, value, 1)).toBeUndefined();
    const after = bytesOf(writer.frame(undefined, 'next', 1));
    expect(Buffer.compare(after, expectedFrame('next'))).toBe(0);
    // Nothing declined was left in the slab: a write before the declines sits right before `after`.
    const before = new MsgpackFrameWriter(1024);
    const a = before.frame(undefined, 'a', 1) as MessageSpan;
    before.frame(undefined, [1, 2, new Date(0)], 1);
    expect(before.frame(undefined, 'b', 1)?.start).toBe(a.end);
  });

  it('declines a nested write from a getter, and finishes the outer message', () => {
    const writer = new MsgpackFrameWriter(1024);
    let nested: MessageSpan | undefined | 'not called' = 'not called';
    const value = {
      get a() {
        nested = writer.frame(undefined, 'inner', 1);
        return 1;
      },
    };
    const outer = bytesOf(writer.frame(undefined, value, 1));
    expect(nested).toBeUndefined();
    expect(Buffer.compare(outer, expectedFrame({ a: 1 }))).toBe(0);
  });
});

describe('createMsgpackProtocol().write', () => {
  const protocol = createMsgpackProtocol(1 << 20);
  const id = fc.string({ minLength: 1, maxLength: 10 });
  const target = fc.string({ minLength: 1, maxLength: 40 });
  const headers = fc.option(fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }), { nil: undefined });
  const args = fc.array(fc.oneof(payload, fc.date({ noInvalidDate: true })), { maxLength: 5 });
  const message: fc.Arbitrary<HubMessage> = fc.oneof(
    fc.record({
      type: fc.constant(MessageType.Invocation),
      headers,
      invocationId: fc.option(id, { nil: undefined }),
      target,
      arguments: args,
      streamIds: fc.option(fc.array(id, { maxLength: 2 }), { nil: undefined }),
    }),
    fc.record({ type: fc.constant(MessageType.StreamItem), invocationId: id, item: payload }),
    fc.record({
      type: fc.constant(MessageType.Completion),
      invocationId: id,
      result: fc.option(payload, { nil: undefined }),
    }),
    fc.record({ type: fc.constant(MessageType.Completion), invocationId: id, error: fc.string() }),
    fc.record({ type: fc.constant(MessageType.Close), error: fc.option(fc.string(), { nil: undefined }) }),
    fc.record({ type: fc.constant(MessageType.Ack), sequenceId: fc.nat() }),
    fc.constant({ type: MessageType.Ping } as const),
  );

  it('writes every message type exactly as encoding its whole array with the library', () => {
    fc.assert(
      fc.property(message, (sent) => {
        const expected = frameBinary(reference.encode(messageToMsgpack(sent)));
        expect(Buffer.compare(protocol.write(sent), expected)).toBe(0);
      }),
      { numRuns: 1_000 },
    );
  });
});
