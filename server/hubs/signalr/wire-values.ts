// Payload value conventions shared by both protocols (documented in /tmp/signalr-api.md):
// typed arrays go out as MessagePack bin (raw host-order bytes) or as JSON number arrays with
// NaN/Infinity as null; bigint goes out as a number under JSON.

type NumericArrayView = Exclude<ArrayBufferView, DataView>;

function isNumericArrayView(value: unknown): value is NumericArrayView {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

function numericArrayToJson(view: NumericArrayView): unknown[] {
  const source = view as unknown as ArrayLike<number | bigint>;
  const values: unknown[] = new Array(source.length);
  for (let index = 0; index < source.length; index++) {
    const value = source[index];
    // JSON.stringify writes NaN and +-Infinity as null, which is what we want.
    values[index] = typeof value === 'bigint' ? Number(value) : value;
  }
  return values;
}

/**
 * JSON.stringify replacer. `this[key]` is the value before toJSON ran, which lets a Node Buffer
 * (whose toJSON yields {type:'Buffer',data}) be written like every other typed array.
 */
export function jsonReplacer(this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null) {
    if (isNumericArrayView(value)) return numericArrayToJson(value);
    if ((value as { type?: unknown }).type === 'Buffer') {
      const original = (this as Record<string, unknown>)[key];
      if (isNumericArrayView(original)) return numericArrayToJson(original);
    }
    return value;
  }
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/**
 * Reads float64 values sent as MessagePack bin (a client's Float64Array arrives as a Uint8Array
 * view that may sit at an unaligned offset, so the bytes are copied when needed).
 */
export function toFloat64Array(bytes: Uint8Array): Float64Array {
  if (bytes.byteLength % 8 !== 0) {
    throw new RangeError(`toFloat64Array: ${bytes.byteLength} bytes is not a whole number of float64 values`);
  }
  if (bytes.byteOffset % 8 === 0)
    return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  return new Float64Array(bytes.slice().buffer);
}
