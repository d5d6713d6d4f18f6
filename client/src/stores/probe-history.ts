// The last minutes of every probed series, for the plot. Kept outside React state: frames
// arrive up to 30 times a second and the plot redraws on its own timer, reading `version`.

/** At 10 ticks a second this is five minutes; older points fall off. */
export const probeHistoryPointsMax = 3000;

export class ProbeHistory {
  private times: number[] = [];
  private readonly series = new Map<string, number[]>();
  /** Increments on every change, so a reader can skip redrawing when nothing happened. */
  version = 0;

  constructor(private readonly pointsMax = probeHistoryPointsMax) {}

  push(timeMs: number, keys: readonly string[], values: Float64Array): void {
    const lastTime = this.times.at(-1);
    // Frames are coalesced per tick; a repeated time overwrites rather than adds a point.
    const append = lastTime === undefined || timeMs > lastTime;
    if (append) {
      this.times.push(timeMs);
      for (const column of this.series.values()) column.push(Number.NaN);
    } else if (timeMs < lastTime) {
      return;
    }
    const index = this.times.length - 1;
    for (let position = 0; position < keys.length && position < values.length; position += 1) {
      let column = this.series.get(keys[position]);
      if (!column) {
        column = new Array<number>(this.times.length).fill(Number.NaN);
        this.series.set(keys[position], column);
      }
      column[index] = values[position];
    }
    if (this.times.length > this.pointsMax) {
      const excess = this.times.length - this.pointsMax;
      this.times.splice(0, excess);
      for (const column of this.series.values()) column.splice(0, excess);
    }
    this.version += 1;
  }

  /** Times in seconds (uPlot's unit) and one column per key, NaN as null for gaps. */
  snapshot(keys: readonly string[]): [number[], ...(number | null)[][]] {
    const times = this.times.map((timeMs) => timeMs / 1000);
    const columns = keys.map((key) => {
      const column = this.series.get(key);
      return column ? column.map((value) => (Number.isFinite(value) ? value : null)) : times.map(() => null);
    });
    return [times, ...columns];
  }

  latest(key: string): number {
    return this.series.get(key)?.at(-1) ?? Number.NaN;
  }

  clear(): void {
    this.times = [];
    this.series.clear();
    this.version += 1;
  }
}

export const probeHistory = new ProbeHistory();
