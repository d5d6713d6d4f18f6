// Probe history of a backtest: every probed port's value at the same bars the display series
// keeps (every `stride`-th bar; when full, every other point is dropped and the stride doubles),
// so the probe chart and the price chart share one time axis and one cursor. Memory is
// `capacity * (ports + 1)` float64s whatever the run's length; a value is read only at a kept
// bar, so a 10M-bar run reads each port about `2 * capacity` times in all.
import type { BacktestProbeHistory } from '@patchdesk/modules/contracts/backtest';

/** Reads one output's value now; throws for a port the patch does not have. */
export type PortRead = (key: string) => number;

export class ProbeHistory {
  readonly #time: Float64Array;
  /** Point-major: point i of port p is at i * ports + p. */
  readonly #values: Float64Array;
  #length = 0;
  #stride = 1;
  #offered = 0;

  constructor(
    readonly ports: readonly string[],
    readonly capacity: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 2)
      throw new Error(`probe history: capacity ${capacity} is below 2`);
    this.#time = new Float64Array(capacity);
    this.#values = new Float64Array(capacity * ports.length);
  }

  get stride(): number {
    return this.#stride;
  }

  /** Offer one bar; its values are read only when it is kept. */
  add(timeMs: number, read: PortRead): void {
    const offered = this.#offered++;
    if (offered % this.#stride !== 0) return;
    if (this.#length === this.capacity) this.#halve();
    if (offered % this.#stride !== 0) return;
    const i = this.#length++;
    this.#time[i] = timeMs;
    const width = this.ports.length;
    for (let p = 0; p < width; p++) this.#values[i * width + p] = read(this.ports[p]);
  }

  #halve(): void {
    const width = this.ports.length;
    let kept = 0;
    for (let i = 0; i < this.#length; i += 2) {
      this.#time[kept] = this.#time[i];
      this.#values.copyWithin(kept * width, i * width, (i + 1) * width);
      kept++;
    }
    this.#length = kept;
    this.#stride *= 2;
  }

  /** Plain JSON-safe columns: NaN (no value yet) is null, as in stored metrics. */
  columns(): BacktestProbeHistory {
    const width = this.ports.length;
    const values = this.ports.map((_, p) => {
      const column: (number | null)[] = new Array<number | null>(this.#length);
      for (let i = 0; i < this.#length; i++) {
        const value = this.#values[i * width + p];
        column[i] = Number.isNaN(value) ? null : value;
      }
      return column;
    });
    return {
      ports: [...this.ports],
      stride: this.#stride,
      timeMs: Array.from(this.#time.subarray(0, this.#length)),
      values,
    };
  }
}

/** The ports that `read` can read now (unknown ones dropped), deduplicated, in their order. */
export function readablePorts(keys: readonly string[], read: PortRead): string[] {
  const ports: string[] = [];
  for (const key of keys) {
    if (ports.includes(key)) continue;
    try {
      read(key);
      ports.push(key);
    } catch {
      // a probe saved for a port the patch no longer has: nothing to keep
    }
  }
  return ports;
}
