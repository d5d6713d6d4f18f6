// The tick codec round-trips any ticks bit for bit (NaN, -0, infinities), writes only changed
// values, and refuses a damaged body with the tick and byte where it broke.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bar } from '@patchdesk/modules/sdk/ports';
import { decodeChunk, TickCodecError, TickEncoder, type SealedChunk } from './tick-codec';

const anyDouble = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, -0, 0, Infinity, -Infinity));
const anyBar = fc.record({
  timeMs: fc.integer({ min: 0, max: 2 ** 45 }),
  open: fc.double(),
  high: fc.double(),
  low: fc.double(),
  close: fc.double(),
  volume: fc.double(),
});

function bitsOf(value: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getBigUint64(0).toString(16);
}

function encode(
  ports: string[],
  ticks: { timeMs: number; bar: Bar | null; values: number[] }[],
): SealedChunk {
  const encoder = new TickEncoder();
  encoder.begin(ports);
  for (const tick of ticks) encoder.add(tick.timeMs, tick.bar, Float64Array.from(tick.values));
  return encoder.seal();
}

describe('tick codec', () => {
  it('round-trips ticks bit for bit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }).chain((ports) =>
          fc
            .array(
              fc.record({
                timeMs: fc.integer({ min: 0, max: 2 ** 45 }),
                bar: fc.option(anyBar, { nil: null }),
                values: fc.array(anyDouble, { minLength: ports, maxLength: ports }),
              }),
              { maxLength: 30 },
            )
            .map((ticks) => ({ ports: Array.from({ length: ports }, (_, i) => `m${i}.out`), ticks })),
        ),
        ({ ports, ticks }) => {
          const decoded = [];
          // copied as it goes: the decoder reuses its values array from tick to tick
          for (const tick of decodeChunk(encode(ports, ticks))) {
            decoded.push({ timeMs: tick.timeMs, bar: tick.bar, values: [...tick.values].map(bitsOf) });
          }
          expect(decoded).toEqual(ticks.map((tick) => ({ ...tick, values: tick.values.map(bitsOf) })));
        },
      ),
    );
  });

  it('writes a value only when it changed', () => {
    const ports = Array.from({ length: 16 }, (_, i) => `m${i}.out`);
    const same = Array.from({ length: 16 }, () => 1.5);
    const chunk = encode(ports, [
      { timeMs: 100, bar: null, values: same },
      { timeMs: 200, bar: null, values: same },
    ]);
    // tick 1: 9 header + 2 mask + 16 values; tick 2: 9 header + 2 mask and nothing else
    expect(chunk.body.byteLength).toBe(9 + 2 + 16 * 8 + 9 + 2);
  });

  it('refuses a body cut short, with the tick and byte', () => {
    const chunk = encode(
      ['a.out'],
      [
        { timeMs: 100, bar: null, values: [1] },
        { timeMs: 200, bar: null, values: [2] },
      ],
    );
    const cut = { ...chunk, body: chunk.body.slice(0, chunk.body.byteLength - 3) };
    expect(() => [...decodeChunk(cut)]).toThrow(TickCodecError);
    expect(() => [...decodeChunk(cut)]).toThrow(
      /tick 1 of 2: the body ends at byte 33, inside its value of a\.out/,
    );
  });

  it('refuses bytes left over and bad flags', () => {
    const chunk = encode(['a.out'], [{ timeMs: 100, bar: null, values: [1] }]);
    const longer = new Uint8Array(chunk.body.byteLength + 4);
    longer.set(chunk.body);
    expect(() => [...decodeChunk({ ...chunk, body: longer })]).toThrow(/4 bytes left over after its 1 ticks/);
    const flagged = chunk.body.slice();
    flagged[8] = 7;
    expect(() => [...decodeChunk({ ...chunk, body: flagged })]).toThrow(/unknown flags 7 at byte 8/);
  });
});
