// The last minutes of a patch's probes during a run (paper, live or replay), kept on the server
// so a client that connects or reconnects can draw and scrub what it missed. One time ring and
// one value ring per probe, all of `capacity` points and fed at the same ticks (a probe added
// later reads NaN before it was added). A point is dropped when it is more than `keptMs` of data
// time older than the newest, or when the ring is full: memory is `capacity * (probes + 1)`
// float64s. Time going back (a new run, a looping pass) starts over.

export interface ProbeRingColumns {
  timeMs: number[];
  /** In the order asked for; null where the probe had no value (NaN) or was not kept. */
  values: (number | null)[][];
}

export class ProbeRing {
  readonly #time: Float64Array;
  readonly #values = new Map<string, Float64Array>();
  /** Index of the oldest point. */
  #head = 0;
  #length = 0;

  constructor(
    readonly capacity: number,
    readonly keptMs: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`probe ring: capacity ${capacity} is below 1`);
    if (!(keptMs > 0)) throw new Error(`probe ring: kept span ${keptMs} ms is not positive`);
    this.#time = new Float64Array(capacity);
  }

  get length(): number {
    return this.#length;
  }

  get ports(): string[] {
    return [...this.#values.keys()];
  }

  /** Keep exactly these ports from now on (a new one reads NaN for the points already kept). */
  setPorts(ports: readonly string[]): void {
    for (const port of [...this.#values.keys()]) if (!ports.includes(port)) this.#values.delete(port);
    for (const port of ports) {
      if (!this.#values.has(port)) this.#values.set(port, new Float64Array(this.capacity).fill(Number.NaN));
    }
  }

  /** One tick: every kept port's value read now. A repeated time overwrites its point. */
  push(timeMs: number, read: (port: string) => number): void {
    const newest = this.#length === 0 ? Number.NEGATIVE_INFINITY : this.#time[this.#at(this.#length - 1)];
    if (timeMs < newest) this.clear();
    let slot: number;
    if (timeMs === newest) slot = this.#at(this.#length - 1);
    else {
      if (this.#length === this.capacity) this.#dropOldest();
      slot = this.#at(this.#length++);
      this.#time[slot] = timeMs;
    }
    for (const [port, column] of this.#values) column[slot] = read(port);
    while (this.#length > 1 && this.#time[this.#head] < timeMs - this.keptMs) this.#dropOldest();
  }

  /** The kept points of `ports`, oldest first. */
  columns(ports: readonly string[]): ProbeRingColumns {
    const timeMs: number[] = new Array<number>(this.#length);
    for (let i = 0; i < this.#length; i++) timeMs[i] = this.#time[this.#at(i)];
    const values = ports.map((port) => {
      const column = this.#values.get(port);
      const out: (number | null)[] = new Array<number | null>(this.#length).fill(null);
      if (!column) return out;
      for (let i = 0; i < this.#length; i++) {
        const value = column[this.#at(i)];
        out[i] = Number.isNaN(value) ? null : value;
      }
      return out;
    });
    return { timeMs, values };
  }

  clear(): void {
    this.#head = 0;
    this.#length = 0;
  }

  #at(offset: number): number {
    return (this.#head + offset) % this.capacity;
  }

  #dropOldest(): void {
    this.#head = (this.#head + 1) % this.capacity;
    this.#length--;
  }
}
