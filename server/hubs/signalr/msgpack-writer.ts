// Writes framed MessagePack messages straight into a shared slab: no scratch encode and copy and
// no buffer allocation per message (each message is a span of the slab), and messages written one
// after another sit side by side, so a flush can send a run of them as one view (outbound-queue).
// The bytes are those of @msgpack/msgpack's `new Encoder({ useBigInt64: true })`; values it would
// treat specially or that we do not mirror (Date, class instances, Map, functions, nesting past
// its depth limit, a nested write from a getter) make `frame` return undefined, and the caller
// encodes that message with the library instead.
import { varIntSize, writeVarInt } from './binary-framing';
import { MessageSpan } from './message-span';

/** The library's depth limit (DEFAULT_MAX_DEPTH): deeper values go to it so it throws its own error. */
const depthMax = 100;
/**
 * The library writes strings longer than this with TextEncoder (lone surrogates become U+FFFD)
 * and shorter ones with its own loop (lone surrogates kept as 3 bytes); we use the same cut.
 */
const shortStringLengthMax = 50;
const shortCopyBytesMax = 32;

export class MsgpackFrameWriter {
  private slab: Buffer;
  private view: DataView;
  /** Where the message being written starts (its 1-byte length prefix placeholder). */
  private start = 0;
  private pos = 0;
  private writing = false;

  /** `slabBytes` bounds what one small message can keep alive: a span pins its whole slab. */
  constructor(private readonly slabBytes: number) {
    this.slab = Buffer.allocUnsafeSlow(slabBytes);
    this.view = new DataView(this.slab.buffer, this.slab.byteOffset, this.slab.length);
  }

  /**
   * One framed message, VarInt(length) || prefix || value, as a span of the slab; undefined when
   * the value needs the library encoder. `depth` is the depth the library would see `value` at.
   */
  frame(prefix: Uint8Array | undefined, value: unknown, depth: number): MessageSpan | undefined {
    // A getter on a payload object may send (and so write) while we are mid-message.
    if (this.writing) return undefined;
    this.writing = true;
    let complete = false;
    try {
      this.ensure(1);
      this.start = this.pos++;
      if (prefix !== undefined) this.bytes(prefix);
      complete = this.value(value, depth);
    } finally {
      this.writing = false;
      if (!complete) this.pos = this.start;
    }
    return complete ? this.finish() : undefined;
  }

  /** Patches the length prefix (moving the payload when it needs more than one byte). */
  private finish(): MessageSpan {
    const payloadLength = this.pos - this.start - 1;
    const prefixBytes = payloadLength < 0x80 ? 1 : varIntSize(payloadLength);
    if (prefixBytes > 1) {
      this.ensure(prefixBytes - 1);
      this.slab.copyWithin(this.start + prefixBytes, this.start + 1, this.pos);
      this.pos += prefixBytes - 1;
    }
    writeVarInt(this.slab, this.start, payloadLength);
    const framed = new MessageSpan(this.slab, this.start, this.pos);
    this.start = this.pos;
    return framed;
  }

  /** Makes room for `bytes` more; a new slab takes over the message written so far. */
  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.slab.length) return;
    const written = this.pos - this.start;
    const slab = Buffer.allocUnsafeSlow(Math.max(this.slabBytes, (written + bytes) * 2));
    this.slab.copy(slab, 0, this.start, this.pos);
    this.slab = slab;
    this.view = new DataView(slab.buffer, slab.byteOffset, slab.length);
    this.start = 0;
    this.pos = written;
  }

  private value(value: unknown, depth: number): boolean {
    if (depth > depthMax) return false;
    if (value === null || value === undefined) {
      this.ensure(1);
      this.slab[this.pos++] = 0xc0;
      return true;
    }
    switch (typeof value) {
      case 'string':
        this.string(value);
        return true;
      case 'number':
        this.number(value);
        return true;
      case 'boolean':
        this.ensure(1);
        this.slab[this.pos++] = value ? 0xc3 : 0xc2;
        return true;
      case 'bigint':
        this.bigint(value);
        return true;
      case 'object':
        return this.object(value, depth);
      default:
        return false;
    }
  }

  private object(value: object, depth: number): boolean {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype === Array.prototype) return this.array(value as unknown[], depth);
    if (ArrayBuffer.isView(value)) {
      this.binary(value);
      return true;
    }
    if (prototype === Object.prototype || prototype === null)
      return this.map(value as Record<string, unknown>, depth);
    return false;
  }

  private array(items: unknown[], depth: number): boolean {
    const length = items.length;
    this.ensure(5);
    if (length < 16) this.slab[this.pos++] = 0x90 | length;
    else this.sizedHeader(0xdc, length);
    for (let index = 0; index < length; index++) {
      if (!this.value(items[index], depth + 1)) return false;
    }
    return true;
  }

  private map(record: Record<string, unknown>, depth: number): boolean {
    const keys = Object.keys(record);
    this.ensure(5);
    if (keys.length < 16) this.slab[this.pos++] = 0x80 | keys.length;
    else this.sizedHeader(0xde, keys.length);
    for (const key of keys) {
      this.string(key);
      if (!this.value(record[key], depth + 1)) return false;
    }
    return true;
  }

  /** A 16-bit-or-32-bit length header: `code16` for 16 bits, `code16 + 1` for 32. */
  private sizedHeader(code16: number, length: number): void {
    if (length < 0x10000) {
      this.slab[this.pos] = code16;
      this.view.setUint16(this.pos + 1, length);
      this.pos += 3;
    } else {
      this.slab[this.pos] = code16 + 1;
      this.view.setUint32(this.pos + 1, length);
      this.pos += 5;
    }
  }

  private binary(value: ArrayBufferView): void {
    const length = value.byteLength;
    this.ensure(5 + length);
    if (length < 0x100) {
      this.slab[this.pos] = 0xc4;
      this.slab[this.pos + 1] = length;
      this.pos += 2;
    } else this.sizedHeader(0xc5, length);
    const bytes =
      value instanceof Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, length);
    this.slab.set(bytes, this.pos);
    this.pos += length;
  }

  private bytes(bytes: Uint8Array): void {
    const length = bytes.length;
    this.ensure(length);
    // A short prefix (the usual Invocation one) copies faster by hand than through a native set.
    if (length > shortCopyBytesMax) this.slab.set(bytes, this.pos);
    else for (let index = 0; index < length; index++) this.slab[this.pos + index] = bytes[index];
    this.pos += length;
  }

  private number(value: number): void {
    this.ensure(9);
    const slab = this.slab;
    if (!Number.isSafeInteger(value)) return this.float(value);
    if (value >= 0) {
      if (value < 0x80) slab[this.pos++] = value;
      else if (value < 0x100) {
        slab[this.pos] = 0xcc;
        slab[this.pos + 1] = value;
        this.pos += 2;
      } else if (value < 0x10000) {
        slab[this.pos] = 0xcd;
        this.view.setUint16(this.pos + 1, value);
        this.pos += 3;
      } else if (value < 0x100000000) {
        slab[this.pos] = 0xce;
        this.view.setUint32(this.pos + 1, value);
        this.pos += 5;
      } else this.float(value); // with useBigInt64 the library writes larger integers as float64
    } else if (value >= -0x20) slab[this.pos++] = 0xe0 | (value + 0x20);
    else if (value >= -0x80) {
      slab[this.pos] = 0xd0;
      this.view.setInt8(this.pos + 1, value);
      this.pos += 2;
    } else if (value >= -0x8000) {
      slab[this.pos] = 0xd1;
      this.view.setInt16(this.pos + 1, value);
      this.pos += 3;
    } else if (value >= -0x80000000) {
      slab[this.pos] = 0xd2;
      this.view.setInt32(this.pos + 1, value);
      this.pos += 5;
    } else this.float(value);
  }

  /** Caller has ensured 9 bytes. DataView, as the library uses, so NaN bits come out alike. */
  private float(value: number): void {
    this.slab[this.pos] = 0xcb;
    this.view.setFloat64(this.pos + 1, value);
    this.pos += 9;
  }

  private bigint(value: bigint): void {
    this.ensure(9);
    if (value >= BigInt(0)) {
      this.slab[this.pos] = 0xcf;
      this.view.setBigUint64(this.pos + 1, value);
    } else {
      this.slab[this.pos] = 0xd3;
      this.view.setBigInt64(this.pos + 1, value);
    }
    this.pos += 9;
  }

  private string(value: string): void {
    const length = value.length;
    if (length > shortStringLengthMax) return this.longString(value);
    // Optimistically ASCII: one pass, header sized for `length` bytes (fixstr or str8).
    this.ensure(2 + length);
    const slab = this.slab;
    const headerBytes = length < 32 ? 1 : 2;
    let at = this.pos + headerBytes;
    for (let index = 0; index < length; index++) {
      const code = value.charCodeAt(index);
      if (code >= 0x80) return this.shortUnicodeString(value);
      slab[at++] = code;
    }
    if (headerBytes === 1) slab[this.pos] = 0xa0 | length;
    else {
      slab[this.pos] = 0xd9;
      slab[this.pos + 1] = length;
    }
    this.pos = at;
  }

  private longString(value: string): void {
    // Buffer.byteLength counts a lone surrogate as its 3-byte replacement, as the library does.
    const byteLength = Buffer.byteLength(value, 'utf8');
    this.ensure(5 + byteLength);
    this.stringHeader(byteLength);
    this.pos += this.slab.write(value, this.pos, byteLength, 'utf8');
  }

  /** UTF-8 with lone surrogates written as 3 bytes (WTF-8), like the library's short-string loop. */
  private shortUnicodeString(value: string): void {
    const byteLength = wtf8Length(value);
    this.ensure(5 + byteLength);
    this.stringHeader(byteLength);
    const slab = this.slab;
    let at = this.pos;
    const length = value.length;
    for (let index = 0; index < length; index++) {
      let code = value.charCodeAt(index);
      if (code < 0x80) {
        slab[at++] = code;
        continue;
      }
      if (code < 0x800) {
        slab[at++] = 0xc0 | (code >> 6);
      } else {
        const pairs = code >= 0xd800 && code <= 0xdbff && index + 1 < length;
        const low = pairs ? value.charCodeAt(index + 1) : 0;
        if (pairs && (low & 0xfc00) === 0xdc00) {
          code = 0x10000 + ((code & 0x3ff) << 10) + (low & 0x3ff);
          index++;
          slab[at++] = 0xf0 | (code >> 18);
          slab[at++] = 0x80 | ((code >> 12) & 0x3f);
        } else {
          slab[at++] = 0xe0 | (code >> 12);
        }
        slab[at++] = 0x80 | ((code >> 6) & 0x3f);
      }
      slab[at++] = 0x80 | (code & 0x3f);
    }
    this.pos = at;
  }

  /** Caller has ensured 5 bytes. */
  private stringHeader(byteLength: number): void {
    if (byteLength < 32) this.slab[this.pos++] = 0xa0 | byteLength;
    else if (byteLength < 0x100) {
      this.slab[this.pos] = 0xd9;
      this.slab[this.pos + 1] = byteLength;
      this.pos += 2;
    } else this.sizedHeader(0xda, byteLength);
  }
}

/** Bytes of `value` as UTF-8 with lone surrogates counted as 3 bytes. */
function wtf8Length(value: string): number {
  let bytes = 0;
  const length = value.length;
  for (let index = 0; index < length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (
      code >= 0xd800 &&
      code <= 0xdbff &&
      index + 1 < length &&
      (value.charCodeAt(index + 1) & 0xfc00) === 0xdc00
    ) {
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}
