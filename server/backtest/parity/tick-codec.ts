// The compact tick codec of run recordings: one chunk holds consecutive ticks of one port
// layout (the list of MODULE.PORT keys whose values it carries). Per tick, little-endian:
//   f64 timeMs | u8 flags (bit 0: a bar was delivered) | [6 x f64 bar: timeMs open high low close volume]
//   | changed mask (ceil(ports / 8) bytes, bit i: value i differs from the tick before)
//   | f64 for each changed value, in port order
// Values are compared by their bits (NaN, -0 and every payload survive), and only changes are
// written: most outputs of a strategy hold still between bars. The first tick of a chunk is
// compared with all-NaN, so every chunk decodes on its own.
// The encoder writes into one buffer allocated up front: recording a tick allocates nothing.
import type { Bar } from '@patchdesk/modules/sdk/ports';

/** A chunk's body is sealed before it could pass this many bytes. */
export const chunkBytesMax = 256 * 1024;
/** A chunk holds at most this many ticks (a minute of a 10 Hz run). */
export const chunkTicksMax = 600;
/** Output ports one tick may carry (a recording of a larger patch records none: see run-recorder). */
export const portsMax = 4_096;

const barBytes = 6 * 8;

export class TickCodecError extends Error {
  override readonly name = 'TickCodecError';
}

/** Bytes one tick can take at most with `ports` values. */
export function tickBytesMax(ports: number): number {
  return 8 + 1 + barBytes + Math.ceil(ports / 8) + ports * 8;
}

export interface SealedChunk {
  ports: readonly string[];
  tickCount: number;
  body: Uint8Array;
}

export class TickEncoder {
  private readonly buffer = new Uint8Array(chunkBytesMax);
  private readonly view = new DataView(this.buffer.buffer);
  private ports: readonly string[] = [];
  /** The previous tick's values (as bits, through `previousBits`). */
  private previous = new Float64Array(0);
  private previousBits = new Uint32Array(0);
  private currentValues = new Float64Array(0);
  private currentBits = new Uint32Array(0);
  private length = 0;
  ticks = 0;

  /** Starts a chunk for this layout; the current chunk must be sealed (or empty) first. */
  begin(ports: readonly string[]): void {
    if (this.ticks > 0) throw new Error('tick encoder: seal the chunk before changing its ports');
    if (ports.length > portsMax) throw new Error(`tick encoder: ${ports.length} ports, at most ${portsMax}`);
    if (ports.length !== this.previous.length) {
      this.previous = new Float64Array(ports.length);
      this.previousBits = new Uint32Array(this.previous.buffer);
      this.currentValues = new Float64Array(ports.length);
      this.currentBits = new Uint32Array(this.currentValues.buffer);
    }
    this.ports = ports;
    this.previous.fill(Number.NaN);
    this.length = 0;
  }

  get portCount(): number {
    return this.ports.length;
  }

  /** Whether one more tick fits in the chunk. */
  get hasRoom(): boolean {
    return this.ticks < chunkTicksMax && this.length + tickBytesMax(this.ports.length) <= chunkBytesMax;
  }

  /** Appends one tick; `values` follows the ports given to begin(). Check hasRoom first. */
  add(timeMs: number, bar: Bar | null, values: Float64Array): void {
    const count = this.ports.length;
    if (values.length < count) throw new Error('tick encoder: fewer values than ports');
    const view = this.view;
    let at = this.length;
    view.setFloat64(at, timeMs, true);
    this.buffer[at + 8] = bar ? 1 : 0;
    at += 9;
    if (bar) {
      view.setFloat64(at, bar.timeMs, true);
      view.setFloat64(at + 8, bar.open, true);
      view.setFloat64(at + 16, bar.high, true);
      view.setFloat64(at + 24, bar.low, true);
      view.setFloat64(at + 32, bar.close, true);
      view.setFloat64(at + 40, bar.volume, true);
      at += barBytes;
    }
    const maskAt = at;
    const maskBytes = (count + 7) >> 3;
    this.buffer.fill(0, maskAt, maskAt + maskBytes);
    at += maskBytes;
    const currentValues = this.currentValues;
    for (let i = 0; i < count; i++) currentValues[i] = values[i];
    const current = this.currentBits;
    const previous = this.previousBits;
    for (let i = 0; i < count; i++) {
      if (current[2 * i] === previous[2 * i] && current[2 * i + 1] === previous[2 * i + 1]) continue;
      this.buffer[maskAt + (i >> 3)] |= 1 << (i & 7);
      view.setFloat64(at, currentValues[i], true);
      at += 8;
      previous[2 * i] = current[2 * i];
      previous[2 * i + 1] = current[2 * i + 1];
    }
    this.length = at;
    this.ticks++;
  }

  /** The chunk so far as a copy (the encoder goes on with an empty chunk of the same ports). */
  seal(): SealedChunk {
    const chunk = { ports: this.ports, tickCount: this.ticks, body: this.buffer.slice(0, this.length) };
    this.ticks = 0;
    this.begin(this.ports);
    return chunk;
  }
}

/** One decoded tick; `values` is the decoder's own array, valid until the next tick. */
export interface DecodedTick {
  timeMs: number;
  bar: Bar | null;
  values: Float64Array;
}

/**
 * Decodes a chunk tick by tick; throws TickCodecError naming the tick and byte offset when the
 * body is cut short, carries a bad flag, or holds more or fewer ticks than `tickCount`.
 */
export function* decodeChunk(chunk: SealedChunk): Generator<DecodedTick> {
  const { body, tickCount } = chunk;
  const count = chunk.ports.length;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const values = new Float64Array(count).fill(Number.NaN);
  const maskBytes = (count + 7) >> 3;
  let at = 0;
  const need = (bytes: number, tick: number, what: string): void => {
    if (at + bytes > body.byteLength) {
      throw new TickCodecError(
        `tick ${tick} of ${tickCount}: the body ends at byte ${body.byteLength}, inside its ${what} (byte ${at})`,
      );
    }
  };
  for (let tick = 0; tick < tickCount; tick++) {
    need(9, tick, 'time');
    const timeMs = view.getFloat64(at, true);
    const flags = body[at + 8];
    at += 9;
    if (flags > 1)
      throw new TickCodecError(`tick ${tick} of ${tickCount}: unknown flags ${flags} at byte ${at - 1}`);
    let bar: Bar | null = null;
    if (flags === 1) {
      need(barBytes, tick, 'bar');
      bar = {
        timeMs: view.getFloat64(at, true),
        open: view.getFloat64(at + 8, true),
        high: view.getFloat64(at + 16, true),
        low: view.getFloat64(at + 24, true),
        close: view.getFloat64(at + 32, true),
        volume: view.getFloat64(at + 40, true),
      };
      at += barBytes;
    }
    need(maskBytes, tick, 'changed mask');
    const maskAt = at;
    at += maskBytes;
    for (let i = 0; i < count; i++) {
      if ((body[maskAt + (i >> 3)] & (1 << (i & 7))) === 0) continue;
      need(8, tick, `value of ${chunk.ports[i]}`);
      values[i] = view.getFloat64(at, true);
      at += 8;
    }
    yield { timeMs, bar, values };
  }
  if (at !== body.byteLength) {
    throw new TickCodecError(
      `${body.byteLength - at} bytes left over after its ${tickCount} ticks (at byte ${at})`,
    );
  }
}
