// The fast paths must be invisible: whenever one returns a number, it is bit for bit what
// Number() or Date.parse gives for the same text. Checked on random cells of the accepted
// forms and near misses, against those two as the reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DayCache, parseDecimalFast, parseEpochDigitsFast, parseIsoTimeFast } from './fast-numbers';

/** The cell surrounded by other bytes, as it sits in a line: the range must be respected. */
function inLine(cell: string): { bytes: Buffer; start: number; end: number } {
  const bytes = Buffer.from(`9,${cell},9`, 'latin1');
  return { bytes, start: 2, end: 2 + cell.length };
}

const digitString = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

describe('parseDecimalFast', () => {
  it('agrees with Number() bit for bit on plain decimals', () => {
    const decimal = fc
      .tuple(fc.constantFrom('', '-', '+'), digitString(0, 12), fc.boolean(), digitString(0, 12))
      .map(([sign, whole, dot, fraction]) => `${sign}${whole}${dot ? '.' : ''}${fraction}`);
    fc.assert(
      fc.property(decimal, (cell) => {
        const { bytes, start, end } = inLine(cell);
        const fast = parseDecimalFast(bytes, start, end);
        if (Number.isNaN(fast)) return;
        expect(Object.is(fast, Number(cell)), cell).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes the prices and volumes of real bars and declines what it cannot do exactly', () => {
    const read = (cell: string) => {
      const { bytes, start, end } = inLine(cell);
      return parseDecimalFast(bytes, start, end);
    };
    expect(read('46197.0')).toBe(46197);
    expect(read('3353308.7635')).toBe(3353308.7635);
    expect(read('0.1')).toBe(0.1);
    expect(read('-0')).toBe(-0);
    expect(read('.5')).toBe(0.5);
    expect(read('5.')).toBe(5);
    for (const declined of ['', '-', '.', '1e5', ' 1', '1 ', '"1"', '0x10', '1234567890123456', 'NaN', '1,5'])
      expect(read(declined), declined).toBeNaN();
  });
});

describe('parseEpochDigitsFast', () => {
  it('agrees with Number() on digit strings up to 2^53 and declines longer ones', () => {
    fc.assert(
      fc.property(digitString(1, 17), (cell) => {
        const { bytes, start, end } = inLine(cell);
        const fast = parseEpochDigitsFast(bytes, start, end);
        if (Number(cell) <= Number.MAX_SAFE_INTEGER && cell.length <= 16) expect(fast).toBe(Number(cell));
        else expect(fast).toBeNaN();
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('parseIsoTimeFast', () => {
  const twoDigits = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
  const isoCell = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
      twoDigits(14),
      twoDigits(32),
      twoDigits(25),
      twoDigits(61),
      twoDigits(61),
      fc.option(digitString(3, 3)),
      fc.boolean(),
    )
    .map(
      ([y, mo, d, h, mi, s, ms, zone]) =>
        `${y}-${mo}-${d}T${h}:${mi}:${s}${ms ? `.${ms}` : ''}${zone ? 'Z' : ''}`,
    );

  it('agrees with Date.parse (a time without a zone as UTC), and keeps agreeing across days', () => {
    const cache = new DayCache();
    fc.assert(
      fc.property(isoCell, (cell) => {
        const { bytes, start, end } = inLine(cell);
        const fast = parseIsoTimeFast(bytes, start, end, cache);
        const reference = Date.parse(cell.endsWith('Z') ? cell : `${cell}Z`);
        if (Number.isNaN(fast)) {
          // declined: only what is out of range (the general path then decides)
          const [, , , h, mi, s] = cell.split(/[-T:.Z]/).map(Number);
          expect(h > 23 || mi > 59 || s > 59 || Number.isNaN(reference), cell).toBe(true);
        } else expect(fast, cell).toBe(reference);
      }),
      { numRuns: 20_000 },
    );
  });

  it('uses the cached day only for the same date', () => {
    const cache = new DayCache();
    const read = (cell: string) => {
      const { bytes, start, end } = inLine(cell);
      return parseIsoTimeFast(bytes, start, end, cache);
    };
    expect(read('2022-01-01T00:01:00.000Z')).toBe(Date.UTC(2022, 0, 1, 0, 1));
    expect(read('2022-01-01T23:59:59.999Z')).toBe(Date.UTC(2022, 0, 1, 23, 59, 59, 999));
    expect(read('2022-01-02T00:00:00Z')).toBe(Date.UTC(2022, 0, 2));
    expect(read('2021-01-02T00:00:00')).toBe(Date.UTC(2021, 0, 2));
    for (const declined of [
      '2022-01-02 00:00:00',
      '2022-01-02T00:00:00+01:00',
      '2022-01-02T00:00:00.5Z',
      '2022-13-01T00:00:00Z',
    ])
      expect(read(declined), declined).toBeNaN();
  });
});
