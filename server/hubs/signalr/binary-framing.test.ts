import { describe, expect, it } from 'vitest';
import { frameBinary, splitBinaryFrames, varIntSize, writeVarInt } from './binary-framing';

function varInt(length: number): number[] {
  const bytes = new Uint8Array(5);
  return [...bytes.subarray(0, writeVarInt(bytes, 0, length))];
}

describe('VarInt length prefix (unsigned LEB128)', () => {
  it('writes the spec examples', () => {
    expect(varInt(53)).toEqual([0x35]);
    expect(varInt(300)).toEqual([0xac, 0x02]);
    expect(varInt(5248)).toEqual([0x80, 0x29]);
    expect(varInt(0x7fffffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x07]);
    expect([0, 127, 128, 16383, 16384].map(varIntSize)).toEqual([1, 1, 2, 2, 3]);
  });

  it('round-trips payloads around the 1-, 2- and 3-byte boundaries, several per buffer', () => {
    const sizes = [0, 1, 127, 128, 16383, 16384, 70000];
    const payloads = sizes.map((size) =>
      Uint8Array.from({ length: size }, (_, index) => (index * 31 + size) & 0xff),
    );
    const joined = Buffer.concat(payloads.map((payload) => frameBinary(payload)));
    const split = splitBinaryFrames(joined, 1 << 20);
    expect(split.map((payload) => payload.length)).toEqual(sizes);
    split.forEach((payload, index) =>
      expect(Buffer.from(payload).equals(Buffer.from(payloads[index]))).toBe(true),
    );
  });

  it('refuses truncated prefixes and bodies, over-long prefixes and oversized messages', () => {
    expect(() => splitBinaryFrames(Uint8Array.of(0x80), 100)).toThrow('Message length prefix is truncated.');
    expect(() => splitBinaryFrames(Uint8Array.of(0x05, 1, 2), 100)).toThrow(
      'Message is incomplete: 5 bytes announced, 2 present.',
    );
    expect(() => splitBinaryFrames(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0x01), 100)).toThrow(
      'longer than 5 bytes',
    );
    expect(() => splitBinaryFrames(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f), 100)).toThrow('exceeds 2 GB');
    expect(() => splitBinaryFrames(Uint8Array.of(0x65), 100)).toThrow(
      'Message of 101 bytes exceeds the limit of 100 bytes.',
    );
  });
});
