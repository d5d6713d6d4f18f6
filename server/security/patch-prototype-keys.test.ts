// Attack reproduction for issue 7, item 6 (the patch language's part): a param named
// "__proto__" was accepted by setParam and by `patchdesk validate` and then silently dropped
// when the patch was saved. Every name that becomes an object key (module ids, port and param
// names, patch names, metadata keys) is now refused with FORBIDDEN_KEY and a location.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { parsePatchEdits } from '@patchdesk/modules/patch/edit-schema';
import { applyEdits } from '@patchdesk/modules/patch/edits';
import { parsePatch, parsePatchJson } from '@patchdesk/modules/patch/schema';
import type { Patch, PatchEdit, Problem } from '@patchdesk/modules/patch/types';
import { rmSync } from 'node:fs';
import { InvalidPatchNameError } from '../patches/errors';
import { PatchStore } from '../patches/patch-store';
import { WorkingCopies } from '../patches/working-copies';
import { hasStackTrace, repoRoot, runCli, tempDir } from '../cli/testing';

const registry = createBuiltinRegistry();
const exampleText = readFileSync(join(repoRoot, 'patches/ema-cross-rsi.json'), 'utf8');
const forbidden = ['__proto__', 'constructor', 'prototype'] as const;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function example(): Patch {
  const parsed = parsePatchJson(exampleText);
  if (!parsed.ok) throw new Error('the example does not parse');
  return parsed.patch;
}

/** The example's JSON with one substitution, parsed as a client or a file would be. */
function exampleWith(from: string, to: string): unknown {
  expect(exampleText).toContain(from);
  return JSON.parse(exampleText.replace(from, to));
}

function forbiddenPaths(problems: readonly Problem[]): string[] {
  return problems.filter((p) => p.code === 'FORBIDDEN_KEY').map((p) => p.location.path ?? '');
}

describe('patch files refuse prototype keys', () => {
  it.each(forbidden)('a param named %s, with one FORBIDDEN_KEY problem and its path', (key) => {
    const result = parsePatch(exampleWith('"period": 12', `"${key}": 1, "period": 12`));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        code: 'FORBIDDEN_KEY',
        message: `modules[1].params.${key}: "${key}" is not allowed as a key or name (it is reserved in JavaScript objects); rename it`,
        location: { path: `modules[1].params.${key}` },
      },
    ]);
  });

  it.each(forbidden)('%s as a module id, a port name or the patch name', (word) => {
    const asId = parsePatch(exampleWith('"id": "ema-fast"', `"id": "${word}"`));
    expect(asId.ok || forbiddenPaths(asId.problems)).toEqual(['modules[1].id']);
    const asPort = parsePatch(exampleWith('"port": "close"', `"port": "${word}"`));
    expect(asPort.ok || forbiddenPaths(asPort.problems)).toEqual(['cables[0].from.port']);
    const asName = parsePatch(exampleWith('"name": "EMA cross with RSI filter"', `"name": "${word}"`));
    expect(asName.ok || forbiddenPaths(asName.problems)).toEqual(['name']);
  });

  it('a top-level or nested "__proto__" key is named as such, not as an unknown key', () => {
    const top = parsePatch(exampleWith('"schemaVersion": 1,', '"schemaVersion": 1, "__proto__": {"x": 1},'));
    expect(top).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'FORBIDDEN_KEY' })] });
    const inPosition = parsePatch(exampleWith('"x": 0,', '"x": 0, "constructor": 1,'));
    expect(inPosition.ok || forbiddenPaths(inPosition.problems)).toEqual(['modules[0].position.constructor']);
  });

  it('property: a forbidden key put anywhere in a valid patch is always refused, never dropped', () => {
    // Every `{` of the file is a place a key can go; insert one there and parse the text.
    const openings = [...exampleText.matchAll(/\{/g)].map((match) => match.index);
    fc.assert(
      fc.property(fc.constantFrom(...openings), fc.constantFrom(...forbidden), (at, key) => {
        const rest = exampleText.slice(at + 1);
        const comma = /^\s*\}/.test(rest) ? '' : ','; // an empty object takes no comma
        const text = `${exampleText.slice(0, at + 1)}"${key}": 1${comma}${rest}`;
        const result = parsePatchJson(text);
        return !result.ok && forbiddenPaths(result.problems).length === 1;
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('edits refuse prototype keys', () => {
  const patch = example();

  it.each(forbidden)('setParam %s is refused and changes nothing', (key) => {
    const edit: PatchEdit = { kind: 'setParam', moduleId: 'ema-fast', param: key, value: 5 };
    const result = applyEdits(patch, [edit], registry);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map((p) => [p.code, p.location.path])).toEqual([
        ['FORBIDDEN_KEY', 'edits[0].param'],
      ]);
    expect(parsePatchEdits([edit])).toMatchObject({ ok: false, problems: [{ code: 'FORBIDDEN_KEY' }] });
  });

  it('edits parsed from JSON (own "__proto__" properties) are refused with their path', () => {
    const edits = JSON.parse(
      JSON.stringify([
        { kind: 'moveModule', moduleId: 'bars', position: { x: 1, y: 2 } },
        {
          kind: 'addModule',
          module: { id: 'extra', type: 'indicators/ema', params: { period: 3 }, position: { x: 0, y: 0 } },
        },
        { kind: 'setMetadata', description: 'new' },
      ])
        .replace('"period":3', '"__proto__":{"polluted":true},"period":3')
        .replace('"description":"new"', '"description":"new","__proto__":{"name":"x"}'),
    ) as PatchEdit[];
    const result = applyEdits(patch, edits, registry);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(forbiddenPaths(result.problems)).toEqual([
        'edits[1].module.params.__proto__',
        'edits[2].__proto__',
      ]);
    const parsed = parsePatchEdits(edits);
    expect(parsed.ok || forbiddenPaths(parsed.problems)).toEqual([
      'edits[1].module.params.__proto__',
      'edits[2].__proto__',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a module id "constructor" cannot be added, moved or wired', () => {
    const edits: PatchEdit[] = [
      {
        kind: 'addModule',
        module: { id: 'constructor', type: 'math/add', params: {}, position: { x: 0, y: 0 } },
      },
      { kind: 'removeModule', moduleId: 'prototype' },
      {
        kind: 'connect',
        cable: { from: { module: 'bars', port: 'close' }, to: { module: 'rsi', port: '__proto__' } },
      },
    ];
    const result = applyEdits(patch, edits, registry);
    expect(result.ok || forbiddenPaths(result.problems)).toEqual([
      'edits[0].module.id',
      'edits[1].moduleId',
      'edits[2].cable.to.port',
    ]);
  });
});

describe('the store and the CLI refuse them too', () => {
  it('the working copy refuses setParam "__proto__" instead of saving a patch without it', async () => {
    const dir = tempDir('patchdesk-proto-');
    dirs.push(dir);
    const store = new PatchStore(dir);
    await store.save('demo', example(), { message: 'first', baseVersion: 0 });
    const copies = new WorkingCopies({ store, registry, logger: pino({ level: 'silent' }) });
    const edit: PatchEdit = { kind: 'setParam', moduleId: 'ema-fast', param: '__proto__', value: 5 };
    const result = await copies.applyEdits('demo', [edit]);
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'FORBIDDEN_KEY' }] });
    expect((await copies.get('demo')).dirty).toBe(false);
  });

  it.each(['constructor', 'prototype'])('a patch cannot be named %s in the store', async (name) => {
    const store = new PatchStore(tempDir('patchdesk-proto-'));
    await expect(store.save(name, example(), { message: '', baseVersion: 0 })).rejects.toThrow(
      InvalidPatchNameError,
    );
  });

  it('`patchdesk validate` lists FORBIDDEN_KEY for a "__proto__" param, exit 1', async () => {
    const dir = tempDir('patchdesk-proto-');
    dirs.push(dir);
    const path = join(dir, 'proto.json');
    writeFileSync(path, exampleText.replace('"period": 12', '"__proto__": 1, "period": 12'));
    const result = await runCli(['validate', path]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      '  FORBIDDEN_KEY (modules[1].params.__proto__): modules[1].params.__proto__: "__proto__" is not allowed as a ' +
        'key or name (it is reserved in JavaScript objects); rename it\n',
    );
    expect(result.stderr).toBe(`patchdesk: ${path}: 1 problem(s)\n`);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});
