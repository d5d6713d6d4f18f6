// A hot patch of a running 10,000-module patch (the random patch of kernel-random-patch: one
// module's weight edited) on a live 10 Hz clock. Applied with setPatch, the whole plan compiles
// on the event loop between two ticks; prepared with prepareHotPatch, it compiles in slices
// of a few milliseconds between ticks and swaps in with applyPrepared at a tick boundary.
// Counted: the longest gap between two ticks and the ticks that came later than one interval
// after their due time (a skipped tick), for each way.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Kernel } from '../modules/kernel/kernel';
import { createKernelTestRegistry } from '../modules/kernel/test-modules';
import type { Patch } from '../modules/patch/types';
import { patchOf, randomShape } from './kernel-random-patch.bench';
import type { Bench, BenchResult } from './types';

const tickIntervalMs = 100;
const startMs = 1_704_067_200_000;
/** Time given to the preparation per turn of the event loop. */
const sliceBudgetMs = 4;
const warmupEdits = 3;
const edits = 5;

type Way = 'setPatch' | 'prepared';

interface LiveFigures {
  /** Longest wall time between two consecutive ticks, over the whole edit. */
  longestGapMs: number;
  skippedTicks: number;
  /** Wall time from the edit to the patch being in. */
  editMs: number;
  /** applyPrepared alone (0 for setPatch). */
  applyMs: number;
  slices: number;
  /** Longest stretch the edit held the event loop: setPatch, or the longest slice or apply. */
  longestBlockMs: number;
}

function edited(patch: Patch, edit: number): Patch {
  const target = patch.modules.find((module) => module.type === 'math/mix')!.id;
  const modules = patch.modules.map((module) =>
    module.id === target ? { ...module, params: { weight: 0.25 + (edit % 4) * 0.125 } } : module,
  );
  return { ...patch, modules };
}

/** Ticks at 10 Hz on timers; the edit starts after the second tick; stops two ticks after it is in. */
function liveEdit(kernel: Kernel, next: Patch, way: Way, tickAtMs: { value: number }): Promise<LiveFigures> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let due = t0;
    let lastTick = Number.NaN;
    let ticks = 0;
    let longestGapMs = 0;
    let skippedTicks = 0;
    let editStart = Number.NaN;
    let editMs = Number.NaN;
    let applyMs = 0;
    let slices = 0;
    let longestBlockMs = 0;
    let job: ReturnType<Kernel['prepareHotPatch']> | null = null;
    let appliedAtTick = -1;
    const prepare = () => {
      if (job === null) return;
      const sliceStart = performance.now();
      const deadline = sliceStart + sliceBudgetMs;
      slices++;
      const done = job.advance(() => performance.now() > deadline);
      longestBlockMs = Math.max(longestBlockMs, performance.now() - sliceStart);
      if (!done) setImmediate(prepare);
    };
    const onTick = () => {
      const now = performance.now();
      if (!Number.isNaN(lastTick)) longestGapMs = Math.max(longestGapMs, now - lastTick);
      if (now - due > tickIntervalMs) skippedTicks += Math.floor((now - due) / tickIntervalMs);
      lastTick = now;
      if (job !== null && job.done) {
        const before = performance.now();
        kernel.applyPrepared(job);
        applyMs = performance.now() - before;
        longestBlockMs = Math.max(longestBlockMs, applyMs);
        editMs = performance.now() - editStart;
        job = null;
        appliedAtTick = ticks;
      }
      kernel.tick((tickAtMs.value += tickIntervalMs));
      ticks++;
      if (ticks === 2) {
        editStart = performance.now();
        if (way === 'setPatch') {
          setImmediate(() => {
            const before = performance.now();
            kernel.setPatch(next);
            longestBlockMs = performance.now() - before;
            editMs = performance.now() - editStart;
            appliedAtTick = ticks;
          });
        } else {
          job = kernel.prepareHotPatch(next);
          setImmediate(prepare);
        }
      }
      if (appliedAtTick >= 0 && ticks >= appliedAtTick + 2) {
        resolve({ longestGapMs, skippedTicks, editMs, applyMs, slices, longestBlockMs });
        return;
      }
      due += tickIntervalMs;
      setTimeout(onTick, Math.max(0, due - performance.now()));
    };
    setTimeout(onTick, 0);
  });
}

interface ChildResult {
  way: Way;
  longestGapMs: number;
  skippedTicks: number;
  editMs: number;
  applyMs: number;
  slices: number;
  longestBlockMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

async function measureInThisProcess(way: Way): Promise<ChildResult> {
  const patch = patchOf(randomShape());
  const kernel = new Kernel(patch, createKernelTestRegistry(), { tickIntervalMs });
  const tickAt = { value: startMs };
  const runs: LiveFigures[] = [];
  for (let edit = 0; edit < warmupEdits + edits; edit++) {
    const figures = await liveEdit(kernel, edited(patch, edit), way, tickAt);
    if (edit >= warmupEdits) runs.push(figures);
  }
  return {
    way,
    longestGapMs: median(runs.map((run) => run.longestGapMs)),
    skippedTicks: Math.max(...runs.map((run) => run.skippedTicks)),
    editMs: median(runs.map((run) => run.editMs)),
    applyMs: median(runs.map((run) => run.applyMs)),
    slices: median(runs.map((run) => run.slices)),
    longestBlockMs: median(runs.map((run) => run.longestBlockMs)),
  };
}

function measureInChild(way: Way): ChildResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), way], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const line = child.stdout.split('\n').find((text) => text.startsWith('{'));
  if (child.status !== 0 || !line) throw new Error(`kernel-hot-patch child (${way}) failed: ${child.stderr}`);
  return JSON.parse(line) as ChildResult;
}

const bench: Bench = {
  name: 'kernel-hot-patch',
  async run(): Promise<BenchResult[]> {
    const sync = measureInChild('setPatch');
    const prepared = measureInChild('prepared');
    const notes =
      `10,000-module random patch, one param edited, live 10 Hz ticks on timers; median of ${edits} edits ` +
      `after ${warmupEdits} warm-up edits (skipped ticks: the worst edit)`;
    return [
      {
        name: 'longest event-loop block during a hot patch, prepared off the tick',
        value: prepared.longestBlockMs,
        unit: 'ms',
        baselineName: 'setPatch on the event loop',
        baselineValue: sync.longestBlockMs,
        ratio: prepared.longestBlockMs / sync.longestBlockMs,
        goal: `no tick skipped: ${prepared.skippedTicks === 0 ? 'PASS' : 'FAIL'} (${prepared.skippedTicks} skipped; setPatch: ${sync.skippedTicks})`,
        notes:
          `${notes}; the longest of the ${prepared.slices} slices (budget ${sliceBudgetMs} ms; validation is one slice) ` +
          `and applyPrepared (${prepared.applyMs.toFixed(2)} ms); ${prepared.editMs.toFixed(0)} ms from edit to swap ` +
          `(setPatch: ${sync.editMs.toFixed(0)} ms); longest gap between ticks ${prepared.longestGapMs.toFixed(0)} ms ` +
          `(setPatch: ${sync.longestGapMs.toFixed(0)} ms)`,
      },
    ];
  },
};

export default bench;

const way = process.argv[2];
if (process.argv[1] === fileURLToPath(import.meta.url) && (way === 'setPatch' || way === 'prepared')) {
  process.stdout.write(`${JSON.stringify(await measureInThisProcess(way))}\n`);
}
