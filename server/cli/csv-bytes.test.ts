import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvByteWriter } from './csv-bytes';

function written(write: (writer: CsvByteWriter) => void): string {
  const writer = new CsvByteWriter(4);
  write(writer);
  return writer.take().toString('latin1');
}

describe('CsvByteWriter', () => {
  it('writes times exactly as toISOString does, across days, years and the epoch', () => {
    const writer = new CsvByteWriter(64);
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (timeMs) => {
        writer.isoTime(timeMs);
        expect(writer.take().toString('latin1')).toBe(new Date(timeMs).toISOString());
      }),
      { numRuns: 20_000 },
    );
    for (const timeMs of [
      0, -1, 86_399_999, 86_400_000, -62_167_219_200_000, 253_402_300_799_999, 253_402_300_800_000, 1.5,
    ])
      expect(
        written((w) => w.isoTime(timeMs)),
        String(timeMs),
      ).toBe(new Date(timeMs).toISOString());
  });

  it('writes numbers exactly as String() does', () => {
    const check = (value: number): void => {
      expect(
        written((w) => w.number(value)),
        String(value),
      ).toBe(String(value));
    };
    fc.assert(fc.property(fc.double({ noNaN: true }), check), { numRuns: 20_000 });
    fc.assert(fc.property(fc.integer({ min: -(2 ** 53) - 10, max: 2 ** 53 + 10 }), check), {
      numRuns: 5_000,
    });
    fc.assert(fc.property(fc.maxSafeInteger(), check), { numRuns: 5_000 });
    for (const value of [
      0,
      -0,
      1,
      -1,
      9,
      10,
      99,
      100,
      2 ** 53 - 1,
      2 ** 53,
      1e21,
      -1e21,
      0.1,
      Infinity,
      -Infinity,
    ])
      check(value);
  });

  it('grows its buffer as rows are written', () => {
    const writer = new CsvByteWriter(2);
    for (let i = 0; i < 1_000; i++) {
      writer.number(i);
      writer.byte(44);
    }
    const text = writer.take().toString('latin1');
    expect(text.split(',').slice(0, -1).map(Number)).toEqual(Array.from({ length: 1_000 }, (_, i) => i));
  });
});
