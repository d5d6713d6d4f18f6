// Test helper for the folder's NaN policy: a step with a NaN input is not a sample. We run a
// module on clean series and on the same series with NaN bars inserted (leading, and one
// input at a time later on) and require NaN at the inserted bars and identical output elsewhere.
import { expect } from 'vitest';
import type { AnyModuleDefinition } from '../../../sdk/define-module';
import type { ParamValue } from '../../../sdk/params';
import { runSeries } from '../../../sdk/testing';

/** Where NaN bars go, as indices into the dirty series: three leading, then a few spread out. */
const insertedBars = [0, 1, 2, 9, 17, 18, 30];
/** What the other inputs of an inserted bar carry: wild values a module must not use. */
const junkValue = 1e9;

export function expectSkipsNaNInputs(
  definition: AnyModuleDefinition,
  params: Record<string, ParamValue>,
  clean: Record<string, readonly number[]>,
): void {
  const names = Object.keys(clean);
  const length = clean[names[0]].length;
  const dirty: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  const cleanIndexOf: number[] = [];
  let next = 0;
  for (let i = 0; next < length; i++) {
    const inserted = insertedBars.indexOf(i);
    if (inserted >= 0) {
      // Leading bars are NaN on every input; later ones on a single input, rotating.
      const nanInput = i < 3 ? null : names[inserted % names.length];
      for (const name of names)
        dirty[name].push(nanInput === null || name === nanInput ? Number.NaN : junkValue);
      cleanIndexOf.push(-1);
    } else {
      for (const name of names) dirty[name].push(clean[name][next]);
      cleanIndexOf.push(next++);
    }
  }
  const expected = runSeries(definition, params, clean);
  const actual = runSeries(definition, params, dirty);
  for (const output of Object.keys(definition.outputs)) {
    for (let i = 0; i < cleanIndexOf.length; i++) {
      const want = cleanIndexOf[i] < 0 ? Number.NaN : expected[output][cleanIndexOf[i]];
      expect(actual[output][i], `${definition.type}.${output} at dirty bar ${i}`).toBe(want);
    }
  }
}
