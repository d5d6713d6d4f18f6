// The price chart's candles for a result, bounded like the display series: each candle is
// `stride` consecutive bars merged (open of the first, highest high, lowest low, close of the
// last, time of the first). When the columns are full, neighbouring candles merge pairwise and
// the stride doubles, so a run of any length holds at most `capacity` candles and the same bars
// always give the same candles. Unlike the sampled equity points, no high or low is ever
// skipped: an entry or exit price always lies inside the candle that holds its bar.

export interface CandleColumns {
  /** Bars per candle. */
  stride: number;
  /** Open time of each candle's first bar, UTC milliseconds. */
  timeMs: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
}

export class DisplayCandles {
  readonly #time: Float64Array;
  readonly #open: Float64Array;
  readonly #high: Float64Array;
  readonly #low: Float64Array;
  readonly #close: Float64Array;
  #length = 0;
  #stride = 1;
  #offered = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2)
      throw new Error(`display candles: capacity ${capacity} is below 2`);
    this.#time = new Float64Array(capacity);
    this.#open = new Float64Array(capacity);
    this.#high = new Float64Array(capacity);
    this.#low = new Float64Array(capacity);
    this.#close = new Float64Array(capacity);
  }

  get stride(): number {
    return this.#stride;
  }

  add(timeMs: number, open: number, high: number, low: number, close: number): void {
    const offered = this.#offered++;
    let bucket = Math.floor(offered / this.#stride);
    if (bucket >= this.capacity) {
      this.#halve();
      bucket = Math.floor(offered / this.#stride);
    }
    if (bucket < this.#length) {
      // Same candle as the last one: widen it and move its close.
      const i = this.#length - 1;
      if (high > this.#high[i]) this.#high[i] = high;
      if (low < this.#low[i]) this.#low[i] = low;
      this.#close[i] = close;
      return;
    }
    const i = this.#length++;
    this.#time[i] = timeMs;
    this.#open[i] = open;
    this.#high[i] = high;
    this.#low[i] = low;
    this.#close[i] = close;
  }

  #halve(): void {
    let kept = 0;
    for (let i = 0; i < this.#length; i += 2) {
      const j = i + 1 < this.#length ? i + 1 : i;
      this.#time[kept] = this.#time[i];
      this.#open[kept] = this.#open[i];
      this.#high[kept] = Math.max(this.#high[i], this.#high[j]);
      this.#low[kept] = Math.min(this.#low[i], this.#low[j]);
      this.#close[kept] = this.#close[j];
      kept++;
    }
    this.#length = kept;
    this.#stride *= 2;
  }

  columns(): CandleColumns {
    const take = (column: Float64Array) => Array.from(column.subarray(0, this.#length));
    return {
      stride: this.#stride,
      timeMs: take(this.#time),
      open: take(this.#open),
      high: take(this.#high),
      low: take(this.#low),
      close: take(this.#close),
    };
  }
}
