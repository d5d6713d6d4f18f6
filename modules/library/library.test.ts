// Checks every built-in module's declaration against the library's conventions, so a new
// module that forgets a description, a test or its registration fails here, not in the editor.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AnyModuleDefinition } from '../sdk/define-module';
import { moduleCategories } from '../sdk/define-module';
import { checkParamValue } from '../sdk/params';
import { builtinModules } from './index';

const libraryDir = dirname(fileURLToPath(import.meta.url));

/** `indicators/plus_di` -> `indicators/plus-di`: the file a type is declared in. */
function filePath(type: string): string {
  return type.replace(/_/g, '-');
}

/** `cross-over` -> `crossOver`: the export name a module file uses. */
function camelCase(fileName: string): string {
  return fileName.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function isModuleDefinition(value: unknown): value is AnyModuleDefinition {
  return typeof value === 'object' && value !== null && 'type' in value && 'step' in value && 'init' in value;
}

/** Source files (not tests, not the category index) in the category folders that exist on disk. */
function categorySourceFiles(): string[] {
  return moduleCategories
    .filter((category) => existsSync(join(libraryDir, category)))
    .flatMap((category) =>
      readdirSync(join(libraryDir, category))
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'index.ts')
        .map((file) => `${category}/${file}`),
    );
}

describe('built-in module library', () => {
  it('has modules, each type registered once', () => {
    expect(builtinModules.length).toBeGreaterThan(0);
    const types = builtinModules.map((definition) => definition.type);
    expect(types.filter((type, index) => types.indexOf(type) !== index)).toEqual([]);
  });

  describe.each(builtinModules.map((definition) => [definition.type, definition] as const))(
    '%s',
    (type, definition) => {
      it('is declared in the file its type names, under its category, as the camelCase export', async () => {
        const [category, name, ...rest] = type.split('/');
        expect(rest, 'type must be exactly category/name').toEqual([]);
        expect(category).toBe(definition.category);
        // TA-Lib's own names (plus_di) keep their underscore in the type; files stay kebab-case.
        expect(name).toMatch(/^[a-z][a-z0-9]*([-_][a-z0-9]+)*$/);
        const path = filePath(type);
        expect(existsSync(join(libraryDir, `${path}.ts`)), `${path}.ts should exist`).toBe(true);
        const exported = (await import(`./${path}`)) as Record<string, unknown>;
        const exportName = camelCase(name.replace(/_/g, '-'));
        expect(exported[exportName], `${path}.ts should export ${exportName}`).toBe(definition);
      });

      it('has a test file beside it', () => {
        const path = filePath(type);
        expect(existsSync(join(libraryDir, `${path}.test.ts`)), `${path}.test.ts should exist`).toBe(true);
      });

      it('has a title and a description, and describes every port and param', () => {
        expect(definition.title.trim()).not.toBe('');
        expect(definition.description.trim()).not.toBe('');
        const described = [
          ...Object.entries(definition.inputs).map(
            ([port, spec]) => [`input ${port}`, spec.description] as const,
          ),
          ...Object.entries(definition.outputs).map(
            ([port, spec]) => [`output ${port}`, spec.description] as const,
          ),
          ...Object.entries(definition.params).map(
            ([param, spec]) => [`param ${param}`, spec.description] as const,
          ),
        ];
        expect(
          described.filter(([, description]) => description.trim() === '').map(([what]) => what),
        ).toEqual([]);
      });

      it('has param defaults within their own bounds', () => {
        const problems = Object.entries(definition.params)
          .map(([param, spec]) => [param, checkParamValue(spec, spec.defaultValue)] as const)
          .filter(([, problem]) => problem !== null);
        expect(problems).toEqual([]);
      });

      it('creates state from its default params', () => {
        const defaults = Object.fromEntries(
          Object.entries(definition.params).map(([n, s]) => [n, s.defaultValue]),
        );
        expect(() => definition.init(defaults as never)).not.toThrow();
      });
    },
  );

  it('gives every source file in a category folder a test beside it', () => {
    const untested = categorySourceFiles().filter(
      (file) => !existsSync(join(libraryDir, file.replace(/\.ts$/, '.test.ts'))),
    );
    expect(untested).toEqual([]);
  });

  it('registers every module definition found in the category folders', async () => {
    const registered = new Set(builtinModules);
    const unregistered: string[] = [];
    for (const file of categorySourceFiles()) {
      const exported = (await import(`./${file.replace(/\.ts$/, '')}`)) as Record<string, unknown>;
      for (const value of Object.values(exported)) {
        if (isModuleDefinition(value) && !registered.has(value)) unregistered.push(`${file}: ${value.type}`);
      }
    }
    expect(unregistered).toEqual([]);
  });

  it('lets only logic/delay break cycles with a latch', () => {
    const latching = builtinModules.filter((definition) => typeof definition.latch === 'function');
    expect(latching.map((definition) => definition.type)).toEqual(['logic/delay']);
  });
});
