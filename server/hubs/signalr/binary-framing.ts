// MessagePack framing: each message is VarInt(length) || payload, where VarInt is unsigned
// little-endian base-128 (LEB128), at most 5 bytes and 2^31 - 1, as BinaryMessageFormat.ts reads it.
import { InvalidDataError } from './messages';

const varIntBytesMax = 5;
const messageLengthMax = 0x7fffffff;

/** Bytes needed to write `length` as a VarInt. */
export function varIntSize(length: number): number {
  let size = 1;
  while (length >= 0x80) {
    length = Math.floor(length / 0x80);
    size++;
  }
  return size;
}

/** Writes `length` as a VarInt at `offset`; returns the offset after it. */
export function writeVarInt(target: Uint8Array, offset: number, length: number): number {
  let rest = length;
  while (rest >= 0x80) {
    target[offset++] = (rest & 0x7f) | 0x80;
    rest = Math.floor(rest / 0x80);
  }
  target[offset++] = rest;
  return offset;
}

/** Prefixes one encoded message with its length; copies it once into a fresh buffer. */
export function frameBinary(payload: Uint8Array): Buffer {
  const header = varIntSize(payload.length);
  const framed = Buffer.allocUnsafe(header + payload.length);
  writeVarInt(framed, 0, payload.length);
  framed.set(payload, header);
  return framed;
}

/**
 * Splits a buffer holding whole framed messages into their payloads (views, no copies).
 * Throws InvalidDataError for a truncated or oversized frame; never allocates from a length.
 */
export function splitBinaryFrames(data: Uint8Array, messageBytesMax: number): Uint8Array[] {
  const payloads: Uint8Array[] = [];
  let offset = 0;
  while (offset < data.length) {
    let length = 0;
    let shift = 1;
    let index = 0;
    let byte: number;
    do {
      if (index === varIntBytesMax)
        throw new InvalidDataError('Message length prefix is longer than 5 bytes.');
      if (offset + index >= data.length) throw new InvalidDataError('Message length prefix is truncated.');
      byte = data[offset + index];
      length += (byte & 0x7f) * shift;
      shift *= 0x80;
      index++;
    } while (byte & 0x80);
    if (length > messageLengthMax) throw new InvalidDataError('Message length prefix exceeds 2 GB.');
    if (length > messageBytesMax) {
      throw new InvalidDataError(`Message of ${length} bytes exceeds the limit of ${messageBytesMax} bytes.`);
    }
    const start = offset + index;
    if (start + length > data.length) {
      throw new InvalidDataError(
        `Message is incomplete: ${length} bytes announced, ${data.length - start} present.`,
      );
    }
    payloads.push(data.subarray(start, start + length));
    offset = start + length;
  }
  return payloads;
}
