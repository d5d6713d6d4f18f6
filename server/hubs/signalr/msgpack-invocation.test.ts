import { Encoder } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { frameBinary } from './binary-framing';
import { writeBroadcastInvocation } from './msgpack-invocation';

describe('writeBroadcastInvocation', () => {
  it('writes the same bytes as encoding the whole 5-element array, for every string header size', () => {
    const encoder = new Encoder();
    const targets = [
      't',
      'x'.repeat(31),
      'x'.repeat(32),
      'y'.repeat(255),
      'z'.repeat(256),
      'w'.repeat(70_000),
      'Grüße→',
    ];
    const argumentLists: unknown[][] = [
      [],
      ['hello', 7],
      [{ values: new Float64Array([1, Number.NaN]) }, null],
      ['p'.repeat(200)],
    ];
    for (const target of targets) {
      for (const args of argumentLists) {
        const expected = frameBinary(encoder.encode([1, {}, null, target, args]));
        // Twice: the second call takes the cached prefix.
        expect(writeBroadcastInvocation(encoder, target, args).equals(expected)).toBe(true);
        expect(writeBroadcastInvocation(encoder, target, args).equals(expected)).toBe(true);
      }
    }
  });
});
