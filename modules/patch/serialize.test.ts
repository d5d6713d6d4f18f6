import { describe, expect, it } from 'vitest';
import { parsePatchJson } from './schema';
import { serializePatch } from './serialize';
import type { Patch } from './types';

const patch: Patch = {
  schemaVersion: 1,
  name: 'ema cross',
  description: 'fast over slow',
  modules: [
    { id: 'src', type: 'sources/bars', params: {}, position: { x: 0, y: 10 } },
    {
      id: 'fast',
      type: 'indicators/ema',
      params: { warmup: false, period: 5 },
      position: { x: 200.5, y: -3 },
    },
  ],
  cables: [{ from: { module: 'src', port: 'close' }, to: { module: 'fast', port: 'price' } }],
};

describe('serializePatch', () => {
  it('writes a fixed key order, sorted params, 2-space indent and a trailing newline', () => {
    const text = serializePatch(patch);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain(
      '\n  "schemaVersion": 1,\n  "name": "ema cross",\n  "description": "fast over slow",',
    );
    expect(text.indexOf('"period"')).toBeLessThan(text.indexOf('"warmup"'));
    const firstModule = text.slice(text.indexOf('"modules"'), text.indexOf('"fast"'));
    expect(firstModule.indexOf('"id"')).toBeLessThan(firstModule.indexOf('"type"'));
    expect(firstModule.indexOf('"params"')).toBeLessThan(firstModule.indexOf('"position"'));
  });

  it('gives the same bytes whatever the key order of the input', () => {
    const shuffled = {
      cables: [{ to: { port: 'price', module: 'fast' }, from: { port: 'close', module: 'src' } }],
      modules: [
        { position: { y: 10, x: 0 }, params: {}, type: 'sources/bars', id: 'src' },
        {
          params: { period: 5, warmup: false },
          id: 'fast',
          position: { y: -3, x: 200.5 },
          type: 'indicators/ema',
        },
      ],
      description: 'fast over slow',
      name: 'ema cross',
      schemaVersion: 1,
    } as Patch;
    expect(serializePatch(shuffled)).toBe(serializePatch(patch));
  });

  it('keeps a "__proto__" param as a key rather than changing the prototype (backstop; the schema refuses it)', () => {
    const params = JSON.parse('{"__proto__": 7, "period": 5}') as Record<string, number>;
    const tricky = { ...patch, modules: [{ ...patch.modules[1], params }] };
    expect(serializePatch(tricky)).toContain('"__proto__": 7');
  });

  it('round-trips through parsePatchJson', () => {
    const text = serializePatch(patch);
    const parsed = parsePatchJson(text);
    expect(parsed).toEqual({ ok: true, patch });
    if (parsed.ok) expect(serializePatch(parsed.patch)).toBe(text);
  });
});
