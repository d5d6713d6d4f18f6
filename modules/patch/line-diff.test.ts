import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines } from './line-diff';

/** Rebuild each side from the runs: the diff must lose nothing. */
function sides(runs: ReturnType<typeof diffLines>): { a: string[]; b: string[] } {
  const a: string[] = [];
  const b: string[] = [];
  for (const run of runs) {
    if (run.kind === 'same') {
      a.push(...run.lines);
      b.push(...run.lines);
    } else {
      a.push(...run.a);
      b.push(...run.b);
    }
  }
  return { a, b };
}

describe('diffLines', () => {
  it('marks only the changed line in the middle', () => {
    const runs = diffLines(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd']);
    expect(runs).toEqual([
      { kind: 'same', lines: ['a'] },
      { kind: 'differ', a: ['b'], b: ['x'] },
      { kind: 'same', lines: ['c', 'd'] },
    ]);
  });

  it('finds an insertion and a deletion apart from each other', () => {
    const runs = diffLines(['1', '2', '3', '4', '5'], ['1', 'new', '2', '3', '5']);
    expect(runs).toEqual([
      { kind: 'same', lines: ['1'] },
      { kind: 'differ', a: [], b: ['new'] },
      { kind: 'same', lines: ['2', '3'] },
      { kind: 'differ', a: ['4'], b: [] },
      { kind: 'same', lines: ['5'] },
    ]);
  });

  it('identical texts are one same run', () => {
    expect(diffLines(['a', 'b'], ['a', 'b'])).toEqual([{ kind: 'same', lines: ['a', 'b'] }]);
  });

  it('rebuilds both sides and shares a longest common subsequence (property)', () => {
    const line = fc.constantFrom('a', 'b', 'c', 'd');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (a, b) => {
        const runs = diffLines(a, b);
        expect(sides(runs)).toEqual({ a, b });
        const shared = runs.reduce((n, run) => n + (run.kind === 'same' ? run.lines.length : 0), 0);
        expect(shared).toBe(lcsLength(a, b));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('past the edit cap the middle becomes one hunk, still losing nothing', () => {
    const a = Array.from({ length: 50 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 50 }, (_, i) => `b${i}`);
    const runs = diffLines(['head', ...a, 'tail'], ['head', ...b, 'tail'], 10);
    expect(runs).toEqual([
      { kind: 'same', lines: ['head'] },
      { kind: 'differ', a, b },
      { kind: 'same', lines: ['tail'] },
    ]);
  });
});

/** Textbook dynamic programme: the independent reference for the shared-line count. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i][j] =
        a[i - 1] === b[j - 1] ? table[i - 1][j - 1] + 1 : Math.max(table[i - 1][j], table[i][j - 1]);
    }
  }
  return table[a.length][b.length];
}
