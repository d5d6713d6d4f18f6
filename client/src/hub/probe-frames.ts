// Probe frame values arrive in one of three shapes (see ProbeFrame in the hub contracts):
// MessagePack bin as a Uint8Array of little-endian float64 bytes, JSON as numbers with null for
// NaN, or an in-process Float64Array. All become a Float64Array here.
import type { ProbeFrame } from '@patchdesk/modules/contracts/hubs';

const bytesPerValue = Float64Array.BYTES_PER_ELEMENT;
const hostIsLittleEndian = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

function fromBytes(bytes: Uint8Array): Float64Array {
  if (bytes.byteLength % bytesPerValue !== 0) {
    throw new Error(`probe frame: ${bytes.byteLength} bytes is not a whole number of float64 values`);
  }
  const count = bytes.byteLength / bytesPerValue;
  if (!hostIsLittleEndian) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return Float64Array.from({ length: count }, (_unused, index) =>
      view.getFloat64(index * bytesPerValue, true),
    );
  }
  // A Float64Array view needs an 8-aligned offset; a MessagePack decoder slices anywhere.
  if (bytes.byteOffset % bytesPerValue === 0) return new Float64Array(bytes.buffer, bytes.byteOffset, count);
  return new Float64Array(bytes.slice().buffer);
}

export function decodeProbeValues(values: ProbeFrame['values']): Float64Array {
  if (values instanceof Float64Array) return values;
  if (values instanceof Uint8Array) return fromBytes(values);
  if (Array.isArray(values))
    return Float64Array.from(values, (value) => (value === null ? Number.NaN : value));
  throw new Error(`probe frame: values of unexpected shape ${Object.prototype.toString.call(values)}`);
}
