// A sweep's data (bars, funding, marks) as one binary blob named by its SHA-256, so a worker on
// another machine can read it from Redis. Why a blob and not the bars in each job: a sweep runs
// the same data 100s of times; 100,000 bars are 4.8 MB, so in every job payload they would be
// 100s of MB in Redis, while one content-addressed blob is stored once (SET NX, with a TTL), read
// once per worker and checked against its name. Every number is a little-endian float64, so the
// worker sees the very same bits as the process that sent them.
import { createHash } from 'node:crypto';
import type { FundingPoint, MarkPoint } from '../../trading/session/trading-session';
import type { SweepData } from './sweep-task';

const magic = 0x31575344; // "DSW1" little-endian
const headerDoubles = 4; // magic, bars, funding count (-1: none), marks count (-1: none)
const doubleBytes = Float64Array.BYTES_PER_ELEMENT;
/** 256 MB: about 5.5 million bars, far under Redis's 512 MB string limit. */
export const sweepDataBytesMax = 256 * 1024 * 1024;

export class SweepDataBlobError extends Error {}

export interface SweepDataBlob {
  sha256: string;
  bytes: Buffer;
}

export function encodeSweepData(data: SweepData): SweepDataBlob {
  const n = data.bars.length;
  const funding = data.funding;
  const marks = data.marks;
  const doubles = headerDoubles + 6 * n + 2 * (funding?.length ?? 0) + 2 * (marks?.length ?? 0);
  if (doubles * doubleBytes > sweepDataBytesMax) {
    throw new SweepDataBlobError(
      `sweep data of ${n} bars is ${doubles * doubleBytes} bytes, over the ${sweepDataBytesMax} a queued sweep carries`,
    );
  }
  const out = new Float64Array(doubles);
  out[0] = magic;
  out[1] = n;
  out[2] = funding ? funding.length : -1;
  out[3] = marks ? marks.length : -1;
  let at = headerDoubles;
  for (const column of [data.bars.timeMs, data.bars.open, data.bars.high, data.bars.low, data.bars.close]) {
    out.set(column.subarray(0, n), at);
    at += n;
  }
  out.set(data.bars.volume.subarray(0, n), at);
  at += n;
  for (const point of funding ?? []) {
    out[at++] = point.timeMs;
    out[at++] = point.rate;
  }
  for (const point of marks ?? []) {
    out[at++] = point.timeMs;
    out[at++] = point.price;
  }
  const bytes = littleEndianBytes(out);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

/** The data back; the bars on one SharedArrayBuffer (worker threads read them without a copy). */
export function decodeSweepData(bytes: Uint8Array, sha256: string): SweepData {
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) throw new SweepDataBlobError(`sweep data ${sha256} arrived as ${actual}`);
  if (bytes.length % doubleBytes !== 0 || bytes.length < headerDoubles * doubleBytes) {
    throw new SweepDataBlobError(`sweep data ${sha256} is ${bytes.length} bytes: not a sweep data blob`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = (i: number): number => view.getFloat64(i * doubleBytes, true);
  const n = read(1);
  const fundingCount = read(2);
  const marksCount = read(3);
  const expected = headerDoubles + 6 * n + 2 * Math.max(0, fundingCount) + 2 * Math.max(0, marksCount);
  if (read(0) !== magic || expected * doubleBytes !== bytes.length) {
    throw new SweepDataBlobError(`sweep data ${sha256} does not have the sweep data layout`);
  }
  const shared = new SharedArrayBuffer(6 * n * doubleBytes);
  const columns = Array.from({ length: 6 }, (_, k) => {
    const column = new Float64Array(shared, k * n * doubleBytes, n);
    for (let i = 0; i < n; i++) column[i] = read(headerDoubles + k * n + i);
    return column;
  });
  let at = headerDoubles + 6 * n;
  const points = (count: number): { timeMs: number; value: number }[] | undefined => {
    if (count < 0) return undefined;
    const list = [];
    for (let i = 0; i < count; i++, at += 2) list.push({ timeMs: read(at), value: read(at + 1) });
    return list;
  };
  const funding = points(fundingCount)?.map((p): FundingPoint => ({ timeMs: p.timeMs, rate: p.value }));
  const marks = points(marksCount)?.map((p): MarkPoint => ({ timeMs: p.timeMs, price: p.value }));
  return {
    bars: {
      length: n,
      timeMs: columns[0],
      open: columns[1],
      high: columns[2],
      low: columns[3],
      close: columns[4],
      volume: columns[5],
    },
    ...(funding ? { funding } : {}),
    ...(marks ? { marks } : {}),
  };
}

function littleEndianBytes(values: Float64Array): Buffer {
  const bytes = Buffer.alloc(values.length * doubleBytes);
  for (let i = 0; i < values.length; i++) bytes.writeDoubleLE(values[i], i * doubleBytes);
  return bytes;
}
