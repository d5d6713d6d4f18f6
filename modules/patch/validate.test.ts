import { describe, expect, it } from 'vitest';
import { createTestRegistry } from './test-registry';
import type { Cable, Patch, PatchModule } from './types';
import { blockingProblems } from './types';
import { sliceItems } from './sliced';
import { validatePatch, validatePatchSteps } from './validate';

const registry = createTestRegistry();

function mod(id: string, type: string, params: PatchModule['params'] = {}): PatchModule {
  return { id, type, params, position: { x: 0, y: 0 } };
}
function cable(from: string, to: string): Cable {
  const [fm, fp] = from.split('.');
  const [tm, tp] = to.split('.');
  return { from: { module: fm, port: fp }, to: { module: tm, port: tp } };
}
function patch(modules: PatchModule[], cables: Cable[] = []): Patch {
  return { schemaVersion: 1, name: 'test', description: '', modules, cables };
}

describe('validatePatch', () => {
  it('accepts a well-formed patch', () => {
    const p = patch(
      [
        mod('src', 'sources/bars'),
        mod('fast', 'indicators/ema', { period: 5 }),
        mod('slow', 'indicators/ema'),
      ],
      [cable('src.close', 'fast.price'), cable('src.close', 'slow.price')],
    );
    expect(validatePatch(p, registry)).toEqual([]);
  });

  it('reports duplicate ids and unknown types with their locations', () => {
    const p = patch([mod('a', 'sources/bars'), mod('a', 'sources/constant'), mod('b', 'nope/thing')]);
    const problems = validatePatch(p, registry);
    expect(problems.map((x) => x.code)).toEqual(['DUPLICATE_MODULE_ID', 'UNKNOWN_MODULE_TYPE']);
    expect(problems[0].location).toEqual({ moduleId: 'a', path: 'modules[1].id' });
    expect(problems[1].location.moduleId).toBe('b');
    expect(problems[1].message).toContain('nope/thing');
  });

  it('reports unknown params and out-of-bounds values, naming the bounds', () => {
    const p = patch(
      [mod('src', 'sources/bars'), mod('e', 'indicators/ema', { period: 0, smoothing: 2, warmup: 'yes' })],
      [cable('src.close', 'e.price')],
    );
    const problems = validatePatch(p, registry);
    expect(problems.map((x) => [x.code, x.location.param])).toEqual([
      ['PARAM_INVALID', 'period'],
      ['UNKNOWN_PARAM', 'smoothing'],
      ['PARAM_INVALID', 'warmup'],
    ]);
    expect(problems[0].message).toContain('[1, 10000]');
    expect(problems[0].location.path).toBe('modules[1].params.period');
    expect(problems[1].message).toContain('period, warmup');
  });

  it('does not treat inherited object keys as params or ports', () => {
    const p = patch(
      [mod('src', 'sources/bars'), mod('e', 'indicators/ema', { toString: 1 })],
      [cable('src.close', 'e.constructor'), cable('src.close', 'e.price')],
    );
    const codes = validatePatch(p, registry).map((x) => x.code);
    expect(codes).toEqual(['UNKNOWN_PARAM', 'UNKNOWN_PORT']);
  });

  it('reports cables to missing modules and ports, and an input used as a source', () => {
    const p = patch(
      [mod('src', 'sources/bars'), mod('e', 'indicators/ema'), mod('g', 'logic/greater')],
      [
        cable('ghost.value', 'e.price'),
        cable('src.close', 'e.nope'),
        cable('e.price', 'g.a'),
        cable('src.close', 'g.value'),
        cable('src.close', 'g.b'),
      ],
    );
    const problems = validatePatch(p, registry);
    expect(problems.map((x) => [x.code, x.location.cableIndex])).toEqual([
      ['UNKNOWN_MODULE', 0],
      ['UNKNOWN_PORT', 1],
      ['UNKNOWN_PORT', 2],
      ['UNKNOWN_PORT', 3],
    ]);
    expect(problems[2].message).toContain('e.price is an input');
    expect(problems[3].message).toContain('g.value is an output');
    // g.a is reached by the broken cable 2: reported once as UNKNOWN_PORT, not also as missing.
    expect(problems[2].location).toEqual({
      moduleId: 'e',
      port: 'price',
      cableIndex: 2,
      path: 'cables[2].from.port',
    });
  });

  it('reports type mismatches with both types', () => {
    const p = patch([mod('src', 'sources/bars'), mod('e', 'indicators/ema')], [cable('src.bar', 'e.price')]);
    const [problem] = validatePatch(p, registry);
    expect(problem.code).toBe('TYPE_MISMATCH');
    expect(problem.message).toBe('cable src.bar -> e.price connects a bar output to a number input');
  });

  it('reports a second cable into one input, and duplicate cables once', () => {
    const p = patch(
      [mod('src', 'sources/bars'), mod('k', 'sources/constant'), mod('e', 'indicators/ema')],
      [cable('src.close', 'e.price'), cable('k.value', 'e.price'), cable('src.close', 'e.price')],
    );
    const problems = validatePatch(p, registry);
    expect(problems.map((x) => [x.code, x.location.cableIndex])).toEqual([
      ['INPUT_ALREADY_CONNECTED', 1],
      ['DUPLICATE_CABLE', 2],
    ]);
  });

  it('reports missing required inputs but not optional ones, and does not block on them', () => {
    const p = patch([mod('sum', 'math/add')]);
    const problems = validatePatch(p, registry);
    expect(problems.map((x) => [x.code, x.location.port])).toEqual([['MISSING_REQUIRED_INPUT', 'a']]);
    expect(blockingProblems(problems)).toEqual([]);
  });

  it('reports a cycle with its modules in order', () => {
    const p = patch(
      [mod('k', 'sources/constant'), mod('a', 'math/add'), mod('b', 'indicators/ema'), mod('c', 'math/add')],
      [
        cable('k.value', 'a.a'),
        cable('a.value', 'b.price'),
        cable('b.value', 'c.a'),
        cable('c.value', 'a.b'),
      ],
    );
    const problems = validatePatch(p, registry);
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('CYCLE');
    expect(problems[0].cycle).toEqual(['a', 'b', 'c']);
    expect(problems[0].message).toMatch(/^cycle: a -> b -> c -> a/);
    expect(problems[0].location).toEqual({ moduleId: 'a', cableIndex: 3 });
  });

  it('reports a self-loop and each separate cycle', () => {
    const p = patch(
      [mod('x', 'math/add'), mod('y', 'math/add'), mod('z', 'math/add')],
      [cable('x.value', 'x.a'), cable('y.value', 'z.a'), cable('z.value', 'y.a')],
    );
    const cycles = validatePatch(p, registry).filter((x) => x.code === 'CYCLE');
    expect(cycles.map((x) => x.cycle)).toEqual([['x'], ['y', 'z']]);
    expect(cycles[0].message).toMatch(/^cycle: x -> x/);
  });

  it('shortens the message of a long cycle but lists every module', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `m${i}`);
    const p = patch(
      ids.map((id) => mod(id, 'math/add')),
      ids.map((id, i) => cable(`${id}.value`, `${ids[(i + 1) % ids.length]}.a`)),
    );
    const [problem] = validatePatch(p, registry);
    expect(problem.cycle).toEqual(ids);
    expect(problem.message).toMatch(/^cycle: m0 -> m1 -> .* -> m9 -> \.\.\. -> m29 -> m0 \(30 modules\);/);
  });

  it('allows feedback through a latching delay', () => {
    const p = patch(
      [mod('k', 'sources/constant'), mod('sum', 'math/add'), mod('d', 'logic/delay')],
      [cable('k.value', 'sum.a'), cable('sum.value', 'd.input'), cable('d.value', 'sum.b')],
    );
    expect(validatePatch(p, registry)).toEqual([]);
  });

  it('collects every problem at once', () => {
    const p = patch(
      [mod('a', 'math/add'), mod('a', 'math/add'), mod('e', 'indicators/ema', { period: 1.5 })],
      [cable('a.value', 'a.a'), cable('e.value', 'missing.a'), cable('a.value', 'e.price')],
    );
    const codes = validatePatch(p, registry).map((x) => x.code);
    expect(codes).toEqual(['DUPLICATE_MODULE_ID', 'PARAM_INVALID', 'UNKNOWN_MODULE', 'CYCLE']);
  });

  it('validates in slices of a bounded size, to the same problems in the same order', () => {
    // A long chain with a problem of every kind spread along it, and a cycle at its end.
    const count = 5 * sliceItems;
    const ids = Array.from({ length: count }, (_, i) => `m${i}`);
    const modules = ids.map((id) => mod(id, 'math/add'));
    modules.push(
      mod('m7', 'math/add'),
      mod('odd', 'nope/thing'),
      mod('e', 'indicators/ema', { period: 1.5 }),
    );
    const cables = ids.slice(1).map((id, i) => cable(`${ids[i]}.value`, `${id}.a`));
    cables.push(cable('m3.value', 'm9.a'), cable('m5.value', 'missing.a'), cable('m2.value', 'm3.a'));
    cables.push(cable(`m${count - 1}.value`, `m${count - 3}.b`));
    const p = patch(modules, cables);

    const steps = validatePatchSteps(p, registry);
    let slices = 1;
    let next = steps.next();
    while (next.done !== true) {
      slices++;
      next = steps.next();
    }
    // modules, cables, required inputs, the cycle search's graph and its walk: each in slices
    expect(slices).toBeGreaterThanOrEqual((3 * modules.length + 2 * cables.length) / sliceItems);
    expect(next.value).toEqual(validatePatch(p, registry));
    expect(next.value.map((x) => x.code)).toEqual([
      'DUPLICATE_MODULE_ID',
      'UNKNOWN_MODULE_TYPE',
      'PARAM_INVALID',
      'INPUT_ALREADY_CONNECTED',
      'UNKNOWN_MODULE',
      'DUPLICATE_CABLE',
      'MISSING_REQUIRED_INPUT', // m0.a
      'MISSING_REQUIRED_INPUT', // e.price
      'CYCLE',
    ]);
  });
});
