// Bytes allocated by a stretch of code, from the growth of V8's new space (young objects go
// there first). A stretch during which a scavenge ran shows as shrinkage and is left out; the
// benches report the median over the stretches that had none. Needs no --expose-gc.
import { getHeapSpaceStatistics } from 'node:v8';

export function newSpaceUsedBytes(): number {
  const space = getHeapSpaceStatistics().find((candidate) => candidate.space_name === 'new_space');
  if (!space) throw new Error('node:v8 reports no new_space');
  return space.space_used_size;
}

/**
 * Collects bytes per unit (tick, bar) over measured stretches. Reading new space allocates
 * itself (getHeapSpaceStatistics builds an array of objects, about 2 KB): an empty stretch
 * measures that once, up front, and every stretch has it taken off.
 */
export class AllocationWindows {
  private readonly perUnit: number[] = [];
  private startBytes = 0;
  /** What begin() + end() allocate by themselves (median of empty stretches). */
  readonly overheadBytes: number;

  constructor() {
    const empty: number[] = [];
    for (let i = 0; i < 9; i++) {
      const before = newSpaceUsedBytes();
      empty.push(newSpaceUsedBytes() - before);
    }
    empty.sort((a, b) => a - b);
    this.overheadBytes = Math.max(0, empty[empty.length >> 1]);
  }

  begin(): void {
    this.startBytes = newSpaceUsedBytes();
  }

  /** Ends the stretch begun last; `units` is how many ticks (or bars) it ran. */
  end(units: number): void {
    const grown = newSpaceUsedBytes() - this.startBytes;
    if (grown >= 0) this.perUnit.push(Math.max(0, grown - this.overheadBytes) / units);
  }

  /** Median bytes per unit over stretches without a scavenge; NaN when every one had one. */
  median(): number {
    if (this.perUnit.length === 0) return Number.NaN;
    const sorted = [...this.perUnit].sort((a, b) => a - b);
    return sorted[sorted.length >> 1];
  }

  get windows(): number {
    return this.perUnit.length;
  }
}
