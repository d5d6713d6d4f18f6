// The series a result shows (equity, drawdown, price, buy and hold), bounded: every bar is
// offered, every `stride`-th is kept, and when the columns are full every other point is dropped
// and the stride doubles. A run of any length holds at most `capacity` points per column, and
// the same bars always give the same points. The full series goes to a file (see runner.ts).

export interface SeriesColumns {
  timeMs: number[];
  equity: number[];
  drawdown: number[];
  close: number[];
  buyAndHold: number[];
}

export class DisplaySeries {
  readonly #time: Float64Array;
  readonly #equity: Float64Array;
  readonly #drawdown: Float64Array;
  readonly #close: Float64Array;
  readonly #hold: Float64Array;
  #length = 0;
  #stride = 1;
  #offered = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2)
      throw new Error(`display series: capacity ${capacity} is below 2`);
    this.#time = new Float64Array(capacity);
    this.#equity = new Float64Array(capacity);
    this.#drawdown = new Float64Array(capacity);
    this.#close = new Float64Array(capacity);
    this.#hold = new Float64Array(capacity);
  }

  get stride(): number {
    return this.#stride;
  }

  add(timeMs: number, equity: number, drawdown: number, close: number, buyAndHold: number): void {
    const offered = this.#offered++;
    if (offered % this.#stride !== 0) return;
    if (this.#length === this.capacity) this.#halve();
    // After halving the stride doubled: this bar may no longer be on it.
    if (offered % this.#stride !== 0) return;
    const i = this.#length++;
    this.#time[i] = timeMs;
    this.#equity[i] = equity;
    this.#drawdown[i] = drawdown;
    this.#close[i] = close;
    this.#hold[i] = buyAndHold;
  }

  #halve(): void {
    let kept = 0;
    for (let i = 0; i < this.#length; i += 2) {
      this.#time[kept] = this.#time[i];
      this.#equity[kept] = this.#equity[i];
      this.#drawdown[kept] = this.#drawdown[i];
      this.#close[kept] = this.#close[i];
      this.#hold[kept] = this.#hold[i];
      kept++;
    }
    this.#length = kept;
    this.#stride *= 2;
  }

  columns(): SeriesColumns {
    const take = (column: Float64Array) => Array.from(column.subarray(0, this.#length));
    return {
      timeMs: take(this.#time),
      equity: take(this.#equity),
      drawdown: take(this.#drawdown),
      close: take(this.#close),
      buyAndHold: take(this.#hold),
    };
  }
}
