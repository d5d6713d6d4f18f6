// A connection's not-yet-written messages: bounded by count, with "newest wins" coalescing for
// items that carry a key (probe frames), so a slow client costs bounded memory and still gets
// the latest value while other clients are unaffected.

export interface QueueBatch {
  chunks: Buffer[];
  trackable: boolean[];
  byteLength: number;
}

export class OutboundQueue {
  private chunks: Buffer[] = [];
  private trackable: boolean[] = [];
  private keys: (string | undefined)[] = [];
  private head = 0;
  private bytes = 0;
  /** Coalesce key -> slot index of its unsent item. */
  private readonly slots = new Map<string, number>();

  constructor(readonly messagesMax: number) {}

  get length(): number {
    return this.chunks.length - this.head;
  }

  get byteLength(): number {
    return this.bytes;
  }

  /**
   * Queues one framed message. An item whose key matches an unsent item replaces it in place.
   * Returns false, queueing nothing, when the queue is full; `force` skips the bound (Close).
   */
  push(chunk: Buffer, trackable: boolean, coalesceKey?: string, force = false): boolean {
    if (coalesceKey !== undefined) {
      const slot = this.slots.get(coalesceKey);
      if (slot !== undefined) {
        this.bytes += chunk.length - this.chunks[slot].length;
        this.chunks[slot] = chunk;
        this.trackable[slot] = trackable;
        return true;
      }
    }
    if (!force && this.length >= this.messagesMax) return false;
    if (coalesceKey !== undefined) this.slots.set(coalesceKey, this.chunks.length);
    this.chunks.push(chunk);
    this.trackable.push(trackable);
    this.keys.push(coalesceKey);
    this.bytes += chunk.length;
    return true;
  }

  /** Takes messages from the front up to about `bytesMax` (always at least one). */
  take(bytesMax: number): QueueBatch {
    const batch: QueueBatch = { chunks: [], trackable: [], byteLength: 0 };
    while (this.head < this.chunks.length) {
      const chunk = this.chunks[this.head];
      if (batch.chunks.length > 0 && batch.byteLength + chunk.length > bytesMax) break;
      batch.chunks.push(chunk);
      batch.trackable.push(this.trackable[this.head]);
      batch.byteLength += chunk.length;
      const key = this.keys[this.head];
      if (key !== undefined) this.slots.delete(key);
      this.head++;
    }
    this.bytes -= batch.byteLength;
    this.compact();
    return batch;
  }

  /** Everything still queued, emptied out (used when closing). */
  takeAll(): QueueBatch {
    return this.take(Number.POSITIVE_INFINITY);
  }

  private compact(): void {
    if (this.head === this.chunks.length) {
      this.chunks = [];
      this.trackable = [];
      this.keys = [];
      this.head = 0;
      return;
    }
    // Drop the consumed front now and then so a never-empty queue does not grow without bound.
    if (this.head >= 1024 && this.head * 2 >= this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.trackable = this.trackable.slice(this.head);
      this.keys = this.keys.slice(this.head);
      this.slots.clear();
      this.keys.forEach((key, index) => {
        if (key !== undefined) this.slots.set(key, index);
      });
      this.head = 0;
    }
  }
}
