// Line diff (Myers' O((N+M)D) algorithm) as a list of runs: lines both texts share, and hunks
// where they differ. Used to put git-style conflict markers around only the lines that differ.
// The edit distance is capped (`editsMax`): past it the differing middle becomes one hunk, so
// time and memory stay bounded on very different inputs.

export type LineRun = { kind: 'same'; lines: string[] } | { kind: 'differ'; a: string[]; b: string[] };

export function diffLines(a: readonly string[], b: readonly string[], editsMax = 4_000): LineRun[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const runs: LineRun[] = [];
  push(runs, 'same', a.slice(0, start), []);
  const middle = myers(a.slice(start, endA), b.slice(start, endB), editsMax);
  for (const run of middle) runs.push(run);
  push(runs, 'same', a.slice(endA), []);
  return merge(runs);
}

type Op = { kind: 'same' | 'delete' | 'insert'; line: string };

function myers(a: readonly string[], b: readonly string[], editsMax: number): LineRun[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0) return [{ kind: 'differ', a: [...a], b: [...b] }];
  const max = Math.min(n + m, editsMax);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
      let x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) return toRuns(backtrack(trace, a, b, d, offset));
    }
    v = next;
  }
  return [{ kind: 'differ', a: [...a], b: [...b] }];
}

function backtrack(
  trace: Int32Array[],
  a: readonly string[],
  b: readonly string[],
  distance: number,
  offset: number,
): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = distance; d >= 0; d--) {
    const previous = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && previous[offset + k - 1] < previous[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : previous[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY && x > 0 && y > 0 && a[x - 1] === b[y - 1]) {
      ops.push({ kind: 'same', line: a[x - 1] });
      x--;
      y--;
    }
    if (d === 0) break;
    if (down) ops.push({ kind: 'insert', line: b[y - 1] });
    else ops.push({ kind: 'delete', line: a[x - 1] });
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

function toRuns(ops: readonly Op[]): LineRun[] {
  const runs: LineRun[] = [];
  for (const op of ops) {
    if (op.kind === 'same') push(runs, 'same', [op.line], []);
    else if (op.kind === 'delete') push(runs, 'differ', [op.line], []);
    else push(runs, 'differ', [], [op.line]);
  }
  return runs;
}

function push(runs: LineRun[], kind: LineRun['kind'], a: string[], b: string[]): void {
  if (a.length === 0 && b.length === 0) return;
  const last = runs[runs.length - 1];
  if (kind === 'same') {
    if (last?.kind === 'same') last.lines.push(...a);
    else runs.push({ kind: 'same', lines: [...a] });
  } else if (last?.kind === 'differ') {
    last.a.push(...a);
    last.b.push(...b);
  } else {
    runs.push({ kind: 'differ', a: [...a], b: [...b] });
  }
}

function merge(runs: readonly LineRun[]): LineRun[] {
  const out: LineRun[] = [];
  for (const run of runs) {
    if (run.kind === 'same') push(out, 'same', run.lines, []);
    else push(out, 'differ', run.a, run.b);
  }
  return out;
}
