// The last minutes of every probed series, for the plot. Kept outside React state: frames
// arrive up to 30 times a second and the plot redraws on its own timer, reading `version`.
// Each point keeps the tick time it carries (the x axis) and the wall time it arrived (the
// window: in a replay, ticks carry market time that runs far faster than the clock).

/** At 10 ticks a second this is five minutes; older points fall off. */
export const probeHistoryPointsMax = 3000;

/** Gaps read to find the bar interval. */
const barIntervalSamples = 200;

export type PlotData = [number[], ...(number | null)[][]];

export class ProbeHistory {
  private times: number[] = [];
  private arrivals: number[] = [];
  private readonly series = new Map<string, number[]>();
  /** Increments on every change, so a reader can skip redrawing when nothing happened. */
  version = 0;

  constructor(private readonly pointsMax = probeHistoryPointsMax) {}

  push(timeMs: number, keys: readonly string[], values: Float64Array, arrivedAtMs = Date.now()): void {
    // Time going back is a new pass over the data (a looping replay) or a new run from its start:
    // the plot starts over rather than draw one line back across the chart.
    if (timeMs < (this.times.at(-1) ?? Number.NEGATIVE_INFINITY)) this.clear();
    const lastTime = this.times.at(-1);
    // Frames are coalesced per tick; a repeated time overwrites rather than adds a point.
    if (lastTime === undefined || timeMs > lastTime) {
      this.times.push(timeMs);
      this.arrivals.push(arrivedAtMs);
      for (const column of this.series.values()) column.push(Number.NaN);
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
      this.arrivals.splice(0, excess);
      for (const column of this.series.values()) column.splice(0, excess);
    }
    this.version += 1;
  }

  /**
   * Points the server kept (ProbeHub.history) from before this client's first frame go in front
   * of what it holds: a client that opens a running patch, or reconnects, draws and scrubs the
   * minutes it missed. Newer kept points are already here as frames and are skipped.
   */
  fill(
    timeMs: readonly number[],
    keys: readonly string[],
    columns: readonly (readonly (number | null)[])[],
    arrivedAtMs = Date.now(),
  ): void {
    const firstHeld = this.times[0] ?? Number.POSITIVE_INFINITY;
    let count = 0;
    while (count < timeMs.length && timeMs[count] < firstHeld) count += 1;
    if (count === 0) return;
    const held = this.times.length;
    this.times = [...timeMs.slice(0, count), ...this.times];
    this.arrivals = [...new Array<number>(count).fill(arrivedAtMs), ...this.arrivals];
    for (const [key, column] of this.series) {
      const position = keys.indexOf(key);
      const before =
        position < 0 ? new Array<number>(count).fill(Number.NaN) : toNumbers(columns[position], count);
      this.series.set(key, [...before, ...column]);
    }
    keys.forEach((key, position) => {
      if (this.series.has(key)) return;
      this.series.set(key, [
        ...toNumbers(columns[position], count),
        ...new Array<number>(held).fill(Number.NaN),
      ]);
    });
    if (this.times.length > this.pointsMax) {
      const excess = this.times.length - this.pointsMax;
      this.times.splice(0, excess);
      this.arrivals.splice(0, excess);
      for (const column of this.series.values()) column.splice(0, excess);
    }
    this.version += 1;
  }

  /**
   * The last `spanMs` of the data's own time (bar time, as the plot's axis shows it), not of wall
   * time: a replay delivers a minute bar every 100 ms, so "the last 5 minutes" of wall time was 3,000
   * bars. Times in seconds (uPlot's unit), NaN as null.
   */
  snapshot(keys: readonly string[], spanMs = Number.POSITIVE_INFINITY): PlotData {
    const sinceMs = (this.times.at(-1) ?? 0) - spanMs;
    let start = 0;
    while (start < this.times.length && this.times[start] < sinceMs) start += 1;
    const times = this.times.slice(start).map((timeMs) => timeMs / 1000);
    const columns = keys.map((key) => {
      const column = this.series.get(key);
      return column
        ? column.slice(start).map((value) => (Number.isFinite(value) ? value : null))
        : times.map(() => null);
    });
    return [times, ...columns];
  }

  /**
   * The bar interval of the data, read from the tick times: the most common gap between the
   * newest points (a wake-up tick between two bars makes a shorter gap, but rarely the most
   * common one). NaN with fewer than two points.
   */
  barIntervalMs(): number {
    const counts = new Map<number, number>();
    const first = Math.max(1, this.times.length - barIntervalSamples);
    for (let index = first; index < this.times.length; index += 1) {
      const gap = this.times[index] - this.times[index - 1];
      counts.set(gap, (counts.get(gap) ?? 0) + 1);
    }
    let best = Number.NaN;
    let bestCount = 0;
    for (const [gap, count] of counts) {
      if (count > bestCount || (count === bestCount && gap > best)) {
        best = gap;
        bestCount = count;
      }
    }
    return best;
  }

  /** The last `bars` bars (in bar time, whatever their arrival): the plot's window. */
  snapshotBars(keys: readonly string[], bars: number): PlotData {
    const intervalMs = this.barIntervalMs();
    // The newest bar and the `bars - 1` before it.
    return this.snapshot(
      keys,
      Number.isFinite(intervalMs) ? intervalMs * (bars - 1) : Number.POSITIVE_INFINITY,
    );
  }

  latest(key: string): number {
    return this.series.get(key)?.at(-1) ?? Number.NaN;
  }

  clear(): void {
    this.times = [];
    this.arrivals = [];
    this.series.clear();
    this.version += 1;
  }
}

function toNumbers(column: readonly (number | null)[] | undefined, count: number): number[] {
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = column?.[i] ?? Number.NaN;
  return out;
}

export const probeHistory = new ProbeHistory();
