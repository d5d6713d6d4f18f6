// Per-probe figures for `patchdesk run --json`: how many bars gave a number, and the last,
// smallest and largest of those numbers.

export interface ProbeFigures {
  key: string;
  /** Bars where the probe held a number (not NaN). */
  samples: number;
  last: number | null;
  min: number | null;
  max: number | null;
}

export class ProbeSummary {
  private readonly samples: Float64Array;
  private readonly last: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;

  constructor(private readonly keys: readonly string[]) {
    this.samples = new Float64Array(keys.length);
    this.last = new Float64Array(keys.length).fill(Number.NaN);
    this.min = new Float64Array(keys.length).fill(Number.POSITIVE_INFINITY);
    this.max = new Float64Array(keys.length).fill(Number.NEGATIVE_INFINITY);
  }

  add(values: ArrayLike<number>): void {
    for (let i = 0; i < this.keys.length; i++) {
      const value = values[i];
      this.last[i] = value;
      if (Number.isNaN(value)) continue;
      this.samples[i]++;
      if (value < this.min[i]) this.min[i] = value;
      if (value > this.max[i]) this.max[i] = value;
    }
  }

  toJson(): ProbeFigures[] {
    const orNull = (value: number) => (Number.isFinite(value) ? value : null);
    return this.keys.map((key, i) => ({
      key,
      samples: this.samples[i],
      last: orNull(this.last[i]),
      min: this.samples[i] > 0 ? this.min[i] : null,
      max: this.samples[i] > 0 ? this.max[i] : null,
    }));
  }
}
