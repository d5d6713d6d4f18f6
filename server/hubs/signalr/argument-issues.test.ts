import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeArgumentIssue } from './argument-issues';

const args = z.tuple([
  z.string().max(5).describe('patchName'),
  z
    .strictObject({
      dataset: z.string().optional(),
      barsPerTick: z.number().int().min(1).max(10).optional(),
      mode: z.enum(['a', 'b']).optional(),
      position: z.strictObject({ x: z.number(), y: z.number() }).optional(),
      tags: z.array(z.string()).max(2).optional(),
    })
    .nullish()
    .describe('runConfig'),
  z.union([z.number(), z.string(), z.boolean()]).optional(),
]);

function message(input: unknown[]): string {
  const parsed = args.safeParse(input, { reportInput: true });
  if (parsed.success) throw new Error('parsed');
  return describeArgumentIssue(parsed.error.issues[0], args.def.items);
}

describe('describeArgumentIssue', () => {
  it('names the argument by position and name, the field, and the value it got', () => {
    expect(message([5])).toBe('argument 1 (patchName) must be a string, got 5.');
    expect(message(['p', { barsPerTick: null }])).toBe(
      "argument 2 (runConfig): field 'barsPerTick' must be a number, got null.",
    );
    expect(message(['p', { barsPerTick: 0 }])).toBe(
      "argument 2 (runConfig): field 'barsPerTick' must be at least 1, got 0.",
    );
    expect(message(['p', { barsPerTick: 1.5 }])).toBe(
      "argument 2 (runConfig): field 'barsPerTick' must be an integer, got 1.5.",
    );
    expect(message(['p', { mode: 'c' }])).toBe(
      'argument 2 (runConfig): field \'mode\' must be "a" or "b", got "c".',
    );
    expect(message(['p', { position: { x: 1 } }])).toBe(
      "argument 2 (runConfig): field 'position.y' is required.",
    );
    expect(message(['p', { tags: ['a', 'b', 'c'] }])).toBe(
      "argument 2 (runConfig): field 'tags' must have at most 2 items, got an array.",
    );
    expect(message(['p', { tags: [1] }])).toBe(
      "argument 2 (runConfig): field 'tags[0]' must be a string, got 1.",
    );
    expect(message(['toolong'])).toBe(
      'argument 1 (patchName) must be at most 5 characters long, got "toolong".',
    );
  });

  it('lists unknown fields with the accepted ones', () => {
    expect(message(['p', { bars: '/etc/passwd', speed: 2 }])).toBe(
      "argument 2 (runConfig): unknown fields 'bars', 'speed' (the fields are: dataset, barsPerTick, mode, position, tags).",
    );
    expect(message(['p', { position: { x: 1, y: 2, z: 3 } }])).toBe(
      "argument 2 (runConfig): field 'position' has unknown field 'z' (the fields are: x, y).",
    );
  });

  it('words a union by the kinds it accepts, and never says "received undefined" or "Invalid input"', () => {
    expect(message(['p', null, null])).toBe('argument 3 must be a number, a string or a boolean, got null.');
    expect(message(['p', null, {}])).toBe(
      'argument 3 must be a number, a string or a boolean, got an object.',
    );
  });
});
