// Bytes allocated by a stretch of code, from the growth of V8's new space (young objects go
// there first). A stretch during which a scavenge ran shows as shrinkage and is left out; the
// benches report the median over the stretches that had none. Needs no --expose-gc.
import { getHeapSpaceStatistics } from 'node:v8';

export function newSpaceUsedBytes(): number {
  const space = getHeapSpaceStatistics().find((candidate) => candidate.space_name === 'new_space');
  if (!space) throw new Error('node:v8 reports no new_space');
  return space.space_used_size;
}

/** Collects bytes per unit (tick, bar) over measured stretches. */
export class AllocationWindows {
  private readonly perUnit: number[] = [];
  private startBytes = 0;

  begin(): void {
    this.startBytes = newSpaceUsedBytes();
  }

  /** Ends the stretch begun last; `units` is how many ticks (or bars) it ran. */
  end(units: number): void {
    const grown = newSpaceUsedBytes() - this.startBytes;
    if (grown >= 0) this.perUnit.push(grown / units);
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
