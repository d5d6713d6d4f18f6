// The patch layer against the real module library: the README's example must stay valid, and
// the library's latched delay must be what makes feedback legal.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../library/index';
import { applyEdits } from './edits';
import { parsePatchJson } from './schema';
import type { Cable, Patch, PatchModule } from './types';
import { validatePatch } from './validate';

const registry = createBuiltinRegistry();

function readmeExample(): Patch {
  const readme = readFileSync(new URL('../../patches/README.md', import.meta.url), 'utf8');
  const json = /```json\n([\s\S]*?)```/.exec(readme);
  if (!json) throw new Error('patches/README.md has no json example');
  const parsed = parsePatchJson(json[1]);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.patch;
}

function mod(id: string, type: string): PatchModule {
  return { id, type, params: {}, position: { x: 0, y: 0 } };
}
function cable(from: string, to: string): Cable {
  const [fm, fp] = from.split('.');
  const [tm, tp] = to.split('.');
  return { from: { module: fm, port: fp }, to: { module: tm, port: tp } };
}

describe('patches against the built-in library', () => {
  it('the example in patches/README.md is valid', () => {
    expect(validatePatch(readmeExample(), registry)).toEqual([]);
  });

  it('feedback through logic/delay is legal, and a cycle without it is refused', () => {
    const withDelay: Patch = {
      schemaVersion: 1,
      name: 'running sum',
      description: '',
      modules: [mod('bars', 'sources/bars'), mod('sum', 'math/add'), mod('hold', 'logic/delay')],
      cables: [cable('bars.close', 'sum.a'), cable('sum.out', 'hold.in'), cable('hold.out', 'sum.b')],
    };
    expect(validatePatch(withDelay, registry)).toEqual([]);
    const result = applyEdits(
      withDelay,
      [
        { kind: 'removeModule', moduleId: 'hold' },
        { kind: 'connect', cable: cable('sum.out', 'sum.b') },
      ],
      registry,
    );
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^cycle: sum -> sum/),
    ]);
  });

  it('refuses a bar into a number input and names the bounds of a real param', () => {
    const patch = readmeExample();
    const mismatch = applyEdits(patch, [{ kind: 'connect', cable: cable('bars.bar', 'cross.a') }], registry);
    expect(mismatch.ok ? [] : mismatch.problems.map((p) => p.code)).toContain('TYPE_MISMATCH');
    const bounds = applyEdits(
      patch,
      [{ kind: 'setParam', moduleId: 'fast', param: 'period', value: 0 }],
      registry,
    );
    expect(bounds.ok ? '' : bounds.problems[0].message).toMatch(/outside \[2, \d+\]/);
  });
});
