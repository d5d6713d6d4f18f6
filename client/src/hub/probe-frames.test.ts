import { describe, expect, it } from 'vitest';
import { decodeProbeValues } from './probe-frames';

function littleEndianBytes(values: number[], offset: number): Uint8Array {
  const buffer = new ArrayBuffer(values.length * 8 + offset);
  const view = new DataView(buffer);
  values.forEach((value, index) => view.setFloat64(offset + index * 8, value, true));
  return new Uint8Array(buffer, offset, values.length * 8);
}

describe('decodeProbeValues', () => {
  it('reads MessagePack bin bytes as little-endian float64', () => {
    const decoded = decodeProbeValues(littleEndianBytes([1.5, -2, 61234.25], 0));
    expect(Array.from(decoded)).toEqual([1.5, -2, 61234.25]);
  });

  it('copies bytes that do not start on an 8-byte boundary', () => {
    const bytes = littleEndianBytes([3.25, Number.NaN], 3);
    expect(bytes.byteOffset % 8).not.toBe(0);
    const decoded = decodeProbeValues(bytes);
    expect(decoded[0]).toBe(3.25);
    expect(decoded[1]).toBeNaN();
  });

  it('reads JSON numbers with null as NaN', () => {
    const decoded = decodeProbeValues([1, null, 2.5]);
    expect(decoded).toBeInstanceOf(Float64Array);
    expect(decoded[0]).toBe(1);
    expect(decoded[1]).toBeNaN();
    expect(decoded[2]).toBe(2.5);
  });

  it('passes a Float64Array through', () => {
    const values = new Float64Array([4, 5]);
    expect(decodeProbeValues(values)).toBe(values);
  });

  it('says what is wrong with a truncated frame', () => {
    expect(() => decodeProbeValues(new Uint8Array(12))).toThrow(
      /12 bytes is not a whole number of float64 values/,
    );
  });
});
