import { describe, expect, it } from 'vitest';
import { parsePatchEdits } from './edit-schema';
import { applyEdits, newModuleId } from './edits';
import { createTestRegistry } from './test-registry';
import type { Cable, Patch, PatchEdit } from './types';

const registry = createTestRegistry();

function cable(from: string, to: string): Cable {
  const [fm, fp] = from.split('.');
  const [tm, tp] = to.split('.');
  return { from: { module: fm, port: fp }, to: { module: tm, port: tp } };
}

function basePatch(): Patch {
  return {
    schemaVersion: 1,
    name: 'base',
    description: '',
    modules: [
      { id: 'src', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } },
      { id: 'ema', type: 'indicators/ema', params: { period: 10 }, position: { x: 100, y: 0 } },
      { id: 'sum', type: 'math/add', params: {}, position: { x: 200, y: 0 } },
    ],
    cables: [cable('src.close', 'ema.price'), cable('ema.value', 'sum.a')],
  };
}

function expectOk(result: ReturnType<typeof applyEdits>): Patch {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.problems)}`);
  return result.patch;
}

describe('applyEdits', () => {
  it('adds a module with defaults filled in, without touching the input', () => {
    const patch = basePatch();
    const frozen = structuredClone(patch);
    const edit: PatchEdit = {
      kind: 'addModule',
      module: { id: 'slow', type: 'indicators/ema', params: { period: 50 }, position: { x: 5, y: 6 } },
    };
    const next = expectOk(applyEdits(patch, [edit], registry));
    expect(next.modules[3]).toEqual({ ...edit.module, params: { period: 50, warmup: true } });
    expect(patch).toEqual(frozen);
  });

  it('removes a module and every cable touching it', () => {
    const next = expectOk(applyEdits(basePatch(), [{ kind: 'removeModule', moduleId: 'ema' }], registry));
    expect(next.modules.map((m) => m.id)).toEqual(['src', 'sum']);
    expect(next.cables).toEqual([]);
  });

  it('moves, sets params and metadata, leaving the input as it was', () => {
    const patch = basePatch();
    const frozen = structuredClone(patch);
    const next = expectOk(
      applyEdits(
        patch,
        [
          { kind: 'moveModule', moduleId: 'sum', position: { x: -1, y: 2 } },
          { kind: 'setParam', moduleId: 'ema', param: 'period', value: 21 },
          { kind: 'setMetadata', description: 'tuned' },
        ],
        registry,
      ),
    );
    expect(next.modules[2].position).toEqual({ x: -1, y: 2 });
    expect(next.modules[1].params.period).toBe(21);
    expect([next.name, next.description]).toEqual(['base', 'tuned']);
    expect(patch).toEqual(frozen);
    expect(next.modules[0]).toBe(patch.modules[0]);
  });

  it('refuses a param outside its bounds and changes nothing', () => {
    const patch = basePatch();
    const result = applyEdits(
      patch,
      [{ kind: 'setParam', moduleId: 'ema', param: 'period', value: 0 }],
      registry,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.code)).toEqual(['PARAM_INVALID']);
      expect(result.problems[0].message).toContain('[1, 10000]');
    }
    expect(patch.modules[1].params.period).toBe(10);
  });

  it('refuses a connect that mismatches types', () => {
    const result = applyEdits(basePatch(), [{ kind: 'connect', cable: cable('src.bar', 'sum.b') }], registry);
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['TYPE_MISMATCH']);
  });

  it('refuses a connect that closes a cycle, naming the path', () => {
    const result = applyEdits(
      basePatch(),
      [{ kind: 'connect', cable: cable('sum.value', 'sum.b') }],
      registry,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.code)).toEqual(['CYCLE']);
      expect(result.problems[0].message).toMatch(/^cycle: sum -> sum/);
    }
  });

  it('is atomic: one bad edit in a group applies none of them', () => {
    const patch = basePatch();
    const result = applyEdits(
      patch,
      [
        { kind: 'moveModule', moduleId: 'sum', position: { x: 9, y: 9 } },
        { kind: 'removeModule', moduleId: 'ghost' },
      ],
      registry,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems[0]).toMatchObject({ code: 'UNKNOWN_MODULE', location: { path: 'edits[1]' } });
    expect(patch.modules[2].position).toEqual({ x: 200, y: 0 });
  });

  it('checks a group at its end, so rewiring an input in one group works', () => {
    const next = expectOk(
      applyEdits(
        basePatch(),
        [
          { kind: 'connect', cable: cable('src.close', 'sum.a') },
          { kind: 'disconnect', cable: cable('ema.value', 'sum.a') },
        ],
        registry,
      ),
    );
    expect(next.cables).toEqual([cable('src.close', 'ema.price'), cable('src.close', 'sum.a')]);
  });

  it('refuses to disconnect a cable that is not there', () => {
    const result = applyEdits(
      basePatch(),
      [{ kind: 'disconnect', cable: cable('src.close', 'sum.b') }],
      registry,
    );
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['UNKNOWN_CABLE']);
  });

  it('allows edits that leave a required input unconnected (incomplete, not broken)', () => {
    const next = expectOk(
      applyEdits(basePatch(), [{ kind: 'disconnect', cable: cable('ema.value', 'sum.a') }], registry),
    );
    expect(next.cables).toHaveLength(1);
  });

  it('reports only the problems an edit introduced, so a broken patch can be repaired', () => {
    const broken = basePatch();
    broken.modules.push({ id: 'odd', type: 'nope/thing', params: {}, position: { x: 0, y: 0 } });
    expectOk(
      applyEdits(broken, [{ kind: 'moveModule', moduleId: 'ema', position: { x: 1, y: 1 } }], registry),
    );
    const result = applyEdits(
      broken,
      [{ kind: 'setParam', moduleId: 'ema', param: 'nope', value: 1 }],
      registry,
    );
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['UNKNOWN_PARAM']);
  });

  it('refuses a duplicate id and an id that breaks the schema', () => {
    const dup = applyEdits(
      basePatch(),
      [{ kind: 'addModule', module: { id: 'ema', type: 'math/add', params: {}, position: { x: 0, y: 0 } } }],
      registry,
    );
    expect(dup.ok ? [] : dup.problems.map((p) => p.code)).toEqual(['DUPLICATE_MODULE_ID']);
    const bad = applyEdits(
      basePatch(),
      [{ kind: 'addModule', module: { id: 'a.b', type: 'math/add', params: {}, position: { x: 0, y: 0 } } }],
      registry,
    );
    expect(bad.ok ? [] : bad.problems.map((p) => [p.code, p.location.path])).toEqual([
      ['SCHEMA_INVALID', 'edits[0].module.id'],
    ]);
  });
});

describe('parsePatchEdits', () => {
  it('accepts well-formed edits and names the path of a bad one', () => {
    const edits = [
      { kind: 'moveModule', moduleId: 'ema', position: { x: 1, y: 2 } },
      { kind: 'setMetadata', name: 'renamed' },
    ];
    expect(parsePatchEdits(edits)).toEqual({ ok: true, edits });
    const bad = parsePatchEdits([
      edits[0],
      { kind: 'moveModule', moduleId: 'ema', position: { x: 'far', y: 0 } },
    ]);
    expect(bad.ok ? [] : bad.problems.map((p) => p.location.path)).toEqual(['edits[1].position.x']);
    expect(parsePatchEdits([{ kind: 'explode' }]).ok).toBe(false);
    expect(parsePatchEdits({}).ok).toBe(false);
  });

  it('is applied by applyEdits too, so a hub cannot slip in a bad value', () => {
    const sneaky = {
      kind: 'setParam',
      moduleId: 'ema',
      param: 'period',
      value: { nested: 1 },
    } as unknown as PatchEdit;
    const result = applyEdits(basePatch(), [sneaky], registry);
    expect(result.ok ? [] : result.problems.map((p) => p.location.path)).toEqual(['edits[0].value']);
  });

  it('refuses a param named "__proto__" (it used to be applied, then dropped on save)', () => {
    const edit: PatchEdit = { kind: 'setParam', moduleId: 'ema', param: '__proto__', value: 3 };
    const fromJson = JSON.parse('{"kind":"setMetadata","__proto__":{"name":"x"}}') as PatchEdit;
    const result = applyEdits(basePatch(), [edit, fromJson], registry);
    expect(result.ok ? [] : result.problems.map((p) => [p.code, p.location.path])).toEqual([
      ['FORBIDDEN_KEY', 'edits[0].param'],
      ['FORBIDDEN_KEY', 'edits[1].__proto__'],
    ]);
    expect(parsePatchEdits([fromJson])).toMatchObject({ ok: false, problems: [{ code: 'FORBIDDEN_KEY' }] });
  });
});

describe('newModuleId', () => {
  it('proposes the type name, then numbered ids', () => {
    const patch = basePatch();
    expect(newModuleId(patch, 'math/multiply')).toBe('multiply');
    expect(newModuleId(patch, 'indicators/ema')).toBe('ema2');
    patch.modules.push({ id: 'ema2', type: 'indicators/ema', params: {}, position: { x: 0, y: 0 } });
    expect(newModuleId(patch, 'indicators/ema')).toBe('ema3');
    expect(newModuleId(patch, 'weird/ä.ö')).toBe('module');
  });
});
