import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeSweepData, encodeSweepData, SweepDataBlobError } from './sweep-data-blob';
import { hourlyBars } from './testing';

describe('sweep data blob', () => {
  it('gives back bars, funding and marks bit for bit, named by the SHA-256 of its bytes', () => {
    const bars = hourlyBars(3);
    bars.volume[5] = -0;
    const data = {
      bars,
      funding: [
        { timeMs: 1, rate: 0.0001 },
        { timeMs: 2, rate: -0 },
      ],
      marks: [{ timeMs: 3, price: 0.1 + 0.2 }],
    };
    const blob = encodeSweepData(data);
    expect(blob.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(encodeSweepData(data).sha256).toBe(blob.sha256);
    const back = decodeSweepData(blob.bytes, blob.sha256);
    expect(back).toEqual({ ...data, bars: { ...bars } });
    expect(Object.is(back.bars.volume[5], -0)).toBe(true);
    expect(back.bars.close.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('keeps "no funding series" apart from an empty one', () => {
    const blob = encodeSweepData({ bars: hourlyBars(1), funding: [] });
    const back = decodeSweepData(blob.bytes, blob.sha256);
    expect(back.funding).toEqual([]);
    expect(back.marks).toBeUndefined();
  });

  it('refuses bytes that do not match their name, or are not a blob', () => {
    const blob = encodeSweepData({ bars: hourlyBars(1) });
    const changed = Buffer.from(blob.bytes);
    changed[100] ^= 1;
    expect(() => decodeSweepData(changed, blob.sha256)).toThrow(SweepDataBlobError);
    const short = blob.bytes.subarray(0, 40);
    const shortName = createHash('sha256').update(short).digest('hex');
    expect(() => decodeSweepData(short, shortName)).toThrow(/layout/);
  });
});
