// A connection's not-yet-written messages: bounded by count, with "newest wins" coalescing for
// items that carry a key (probe frames), so a slow client costs bounded memory and still gets
// the latest value while other clients are unaffected. A ring, so steady traffic allocates no
// queue storage; a flush takes a run of messages as one write, copying nothing when the run
// already sits side by side in memory (the MessagePack writer's slab).
import { bufferView } from './buffer-view';
import type { MessageSpan } from './message-span';

/** Where a flush records the trackable messages it writes (the stateful-reconnect buffer). */
export interface SentLog {
  recordSent(message: MessageSpan): void;
}

const initialCapacity = 16;

export class OutboundQueue {
  private chunks: (MessageSpan | undefined)[] = new Array<MessageSpan | undefined>(initialCapacity).fill(
    undefined,
  );
  private trackable: boolean[] = new Array<boolean>(initialCapacity).fill(false);
  private keys: (string | undefined)[] = new Array<string | undefined>(initialCapacity).fill(undefined);
  private mask = initialCapacity - 1;
  /** Positions only grow; an item's slot is `position & mask`. */
  private head = 0;
  private tail = 0;
  private bytes = 0;
  /** Coalesce key -> position of its unsent item. */
  private readonly slots = new Map<string, number>();

  constructor(readonly messagesMax: number) {}

  get length(): number {
    return this.tail - this.head;
  }

  get byteLength(): number {
    return this.bytes;
  }

  /**
   * Queues one framed message. An item whose key matches an unsent item replaces it in place.
   * Returns false, queueing nothing, when the queue is full; `force` skips the bound (Close).
   */
  push(chunk: MessageSpan, trackable: boolean, coalesceKey?: string, force = false): boolean {
    if (coalesceKey !== undefined) {
      const position = this.slots.get(coalesceKey);
      if (position !== undefined) {
        const slot = position & this.mask;
        this.bytes += chunk.length - (this.chunks[slot] as MessageSpan).length;
        this.chunks[slot] = chunk;
        this.trackable[slot] = trackable;
        return true;
      }
    }
    if (!force && this.length >= this.messagesMax) return false;
    if (this.length === this.chunks.length) this.grow();
    if (coalesceKey !== undefined) this.slots.set(coalesceKey, this.tail);
    const slot = this.tail & this.mask;
    this.chunks[slot] = chunk;
    this.trackable[slot] = trackable;
    this.keys[slot] = coalesceKey;
    this.tail++;
    this.bytes += chunk.length;
    return true;
  }

  /**
   * Takes messages from the front up to about `bytesMax` (always at least one) as the bytes of
   * one write, handing the trackable ones to `sent` in order. The queue must not be empty.
   */
  takeFrame(bytesMax: number, sent: SentLog | undefined): Buffer {
    if (this.head === this.tail) throw new Error('OutboundQueue.takeFrame: the queue is empty');
    const { chunks, mask, head } = this;
    const first = chunks[head & mask] as MessageSpan;
    let end = head + 1;
    let byteLength = first.length;
    let contiguous = true;
    let previous = first;
    while (end < this.tail) {
      const chunk = chunks[end & mask] as MessageSpan;
      if (byteLength + chunk.length > bytesMax) break;
      contiguous &&= chunk.bytes === previous.bytes && chunk.start === previous.end;
      byteLength += chunk.length;
      previous = chunk;
      end++;
    }
    let frame: Buffer;
    if (end - head === 1) frame = first.toBuffer();
    else if (contiguous)
      frame = bufferView(first.bytes.buffer, first.bytes.byteOffset + first.start, byteLength);
    else frame = this.copyRun(head, end, byteLength);
    this.release(head, end, sent);
    this.bytes -= byteLength;
    return frame;
  }

  /** Everything still queued, emptied out (used when closing). */
  takeAll(): Buffer[] {
    const taken: Buffer[] = [];
    for (let position = this.head; position < this.tail; position++)
      taken.push((this.chunks[position & this.mask] as MessageSpan).toBuffer());
    this.release(this.head, this.tail, undefined);
    this.bytes = 0;
    return taken;
  }

  /** Copies a run that is not one block: each block of side-by-side spans in one copy. */
  private copyRun(head: number, end: number, byteLength: number): Buffer {
    const frame = Buffer.allocUnsafe(byteLength);
    let offset = 0;
    let block = this.chunks[head & this.mask] as MessageSpan;
    let blockEnd = block.end;
    for (let position = head + 1; position <= end; position++) {
      const chunk = position < end ? (this.chunks[position & this.mask] as MessageSpan) : undefined;
      if (chunk !== undefined && chunk.bytes === block.bytes && chunk.start === blockEnd) {
        blockEnd = chunk.end;
        continue;
      }
      offset += block.bytes.copy(frame, offset, block.start, blockEnd);
      if (chunk === undefined) break;
      block = chunk;
      blockEnd = chunk.end;
    }
    return frame;
  }

  /** Drops positions [head, end) from the front, logging trackable ones, forgetting their keys. */
  private release(head: number, end: number, sent: SentLog | undefined): void {
    for (let position = head; position < end; position++) {
      const slot = position & this.mask;
      if (sent !== undefined && this.trackable[slot]) sent.recordSent(this.chunks[slot] as MessageSpan);
      const key = this.keys[slot];
      if (key !== undefined) {
        this.slots.delete(key);
        this.keys[slot] = undefined;
      }
      this.chunks[slot] = undefined;
    }
    this.head = end;
    // Drained: restart positions so they stay small integers (no key refers to one now).
    if (end === this.tail) this.head = this.tail = 0;
  }

  /** Doubles the ring; positions stay valid because slots are recomputed from them. */
  private grow(): void {
    const capacity = this.chunks.length * 2;
    const chunks = new Array<MessageSpan | undefined>(capacity).fill(undefined);
    const trackable = new Array<boolean>(capacity).fill(false);
    const keys = new Array<string | undefined>(capacity).fill(undefined);
    const mask = capacity - 1;
    for (let position = this.head; position < this.tail; position++) {
      const from = position & this.mask;
      chunks[position & mask] = this.chunks[from];
      trackable[position & mask] = this.trackable[from];
      keys[position & mask] = this.keys[from];
    }
    this.chunks = chunks;
    this.trackable = trackable;
    this.keys = keys;
    this.mask = mask;
  }
}
