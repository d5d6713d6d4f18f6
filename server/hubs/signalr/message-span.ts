// One framed hub message on its way out: bytes [start, end) of `bytes`. A plain object rather
// than a Buffer view, because a view costs several times more to make (one per message) and the
// flush needs to see which messages sit side by side in one slab: plain fields read in a
// nanosecond or two, where typed-array getters (`buffer`, `byteOffset`) cost 10-30 ns each.
import { bufferView } from './buffer-view';

export class MessageSpan {
  constructor(
    readonly bytes: Buffer,
    readonly start: number,
    readonly end: number,
  ) {}

  /** A span over a whole buffer. */
  static of(buffer: Buffer): MessageSpan {
    return new MessageSpan(buffer, 0, buffer.length);
  }

  get length(): number {
    return this.end - this.start;
  }

  /** The bytes as a Buffer: the underlying one when the span covers all of it, else a view. */
  toBuffer(): Buffer {
    if (this.start === 0 && this.end === this.bytes.length) return this.bytes;
    return bufferView(this.bytes.buffer, this.bytes.byteOffset + this.start, this.end - this.start);
  }
}
