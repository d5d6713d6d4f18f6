import { describe, expect, it } from 'vitest';
import { formatPath, parsePatch, parsePatchJson } from './schema';

const good = {
  schemaVersion: 1,
  name: 'ema cross',
  description: 'two EMAs',
  modules: [
    { id: 'src', type: 'sources/bars', params: { symbol: 'BTC/USDT:USDT' }, position: { x: 0, y: 0 } },
    { id: 'fast', type: 'indicators/ema', params: { period: 5, warmup: true }, position: { x: 200, y: 0 } },
  ],
  cables: [{ from: { module: 'src', port: 'close' }, to: { module: 'fast', port: 'price' } }],
};

function clone(): typeof good {
  return structuredClone(good);
}

describe('parsePatch', () => {
  it('accepts a valid patch unchanged', () => {
    const result = parsePatch(clone());
    expect(result).toEqual({ ok: true, patch: good });
  });

  it('names the JSON path of a bad field', () => {
    const raw = clone() as unknown as { modules: { params: Record<string, unknown> }[] };
    raw.modules[1].params.period = { nested: true };
    const result = parsePatch(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.location.path)).toEqual(['modules[1].params.period']);
    expect(result.problems[0].code).toBe('SCHEMA_INVALID');
    expect(result.problems[0].message).toMatch(/^modules\[1\]\.params\.period: /);
  });

  it('rejects module ids that would break MODULE.PORT keys', () => {
    for (const id of ['', 'a.b', 'has space', 'x/y']) {
      const raw = clone();
      raw.modules[0].id = id;
      const result = parsePatch(raw);
      expect(result.ok, id).toBe(false);
      if (!result.ok) expect(result.problems[0].location.path).toBe('modules[0].id');
    }
    const raw = clone();
    raw.modules[0].id = 'Ema_2-fast';
    expect(parsePatch(raw).ok).toBe(true);
  });

  it('rejects unknown keys, missing fields and non-finite positions', () => {
    const raw = clone() as unknown as Record<string, unknown> & { modules: Record<string, unknown>[] };
    raw.extra = 1;
    delete raw.modules[0].position;
    raw.modules[1].position = { x: Infinity, y: 0 };
    const result = parsePatch(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.problems.map((p) => p.location.path).sort();
    expect(paths).toEqual(['', 'modules[0].position', 'modules[1].position.x']);
  });

  it('refuses prototype keys and reserved ids with FORBIDDEN_KEY, once each', () => {
    const raw = clone();
    raw.modules[1].id = 'constructor';
    const text = JSON.stringify(raw).replace('"period":5', '"__proto__":5,"prototype":6,"period":5');
    const result = parsePatchJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.code, p.location.path])).toEqual([
      ['FORBIDDEN_KEY', 'modules[1].params.__proto__'],
      ['FORBIDDEN_KEY', 'modules[1].params.prototype'],
      ['FORBIDDEN_KEY', 'modules[1].id'],
    ]);
    expect(result.problems[2].message).toBe(
      'modules[1].id: a module id must not be "__proto__", "constructor" or "prototype" (reserved in JavaScript objects)',
    );
  });

  it('refuses a missing, invalid or newer schemaVersion with a clear message', () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /schemaVersion is missing/],
      ['1', /positive integer/],
      [2, /newer than this PatchDesk understands/],
    ];
    for (const [version, message] of cases) {
      const result = parsePatch({ ...clone(), schemaVersion: version });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0].message).toMatch(message);
    }
    expect(parsePatch([]).ok).toBe(false);
    expect(parsePatch(null).ok).toBe(false);
  });
});

describe('parsePatchJson', () => {
  it('parses JSON text', () => {
    expect(parsePatchJson(JSON.stringify(good))).toEqual({ ok: true, patch: good });
  });

  it('names the line and column of a syntax error', () => {
    const text = '{\n  "schemaVersion": 1,\n  "name": "x",,\n}';
    const result = parsePatchJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0].message).toMatch(/^not valid JSON at line 3, column 15/);
  });

  it('gives the reason without quoting the text (it may be a server file)', () => {
    const result = parsePatchJson('{"name": "secret value", "x": tru}');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0].message).toBe("not valid JSON: Unexpected token '}'");
      expect(result.problems[0].message).not.toContain('secret');
    }
  });

  it('refuses text nested deeper than any patch before parsing it', () => {
    const result = parsePatchJson(`{"a": "[[[[", "b": ${'['.repeat(33)}${']'.repeat(33)}}`);
    expect(result).toMatchObject({
      ok: false,
      problems: [
        { message: 'nested more than 32 levels deep at line 1, column 51; a patch is 4 levels deep' },
      ],
    });
    const ok = parsePatchJson(`{"a": ${'['.repeat(31)}${']'.repeat(31)}}`);
    expect(ok.ok || ok.problems[0].message).not.toMatch(/nested/);
  });

  it('reports truncated text', () => {
    const result = parsePatchJson('{\n "a": ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0].message).toContain('line 2');
  });
});

describe('formatPath', () => {
  it('joins keys with dots and indices with brackets', () => {
    expect(formatPath(['modules', 3, 'params', 'period'])).toBe('modules[3].params.period');
    expect(formatPath([])).toBe('');
  });
});
