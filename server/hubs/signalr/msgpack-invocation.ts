// The hot path of every broadcast: a MessagePack Invocation without id and headers. Its prefix
// (array header, type, empty headers map, nil id, target) is the same for every send to a target,
// so it is built once per target and only the arguments go through the encoder.
import type { Encoder } from '@msgpack/msgpack';
import { varIntSize, writeVarInt } from './binary-framing';

const prefixCacheMax = 1024;
const prefixes = new Map<string, Buffer>();
let lastTarget: string | undefined;
let lastPrefix: Buffer = Buffer.alloc(0);

function stringHeader(byteLength: number): number[] {
  if (byteLength < 32) return [0xa0 | byteLength];
  if (byteLength < 0x100) return [0xd9, byteLength];
  if (byteLength < 0x10000) return [0xda, byteLength >> 8, byteLength & 0xff];
  return [
    0xdb,
    (byteLength >>> 24) & 0xff,
    (byteLength >> 16) & 0xff,
    (byteLength >> 8) & 0xff,
    byteLength & 0xff,
  ];
}

/** `[1, {}, nil, target, ` as MessagePack: fixarray(5), Invocation, empty map, nil, str. */
export function invocationPrefix(target: string): Buffer {
  // Sends usually repeat one target many times in a row: skip the map for those.
  if (target === lastTarget) return lastPrefix;
  let prefix = prefixes.get(target);
  if (prefix !== undefined) return remember(target, prefix);
  const targetBytes = Buffer.from(target, 'utf8');
  prefix = Buffer.concat([
    Buffer.from([0x95, 0x01, 0x80, 0xc0, ...stringHeader(targetBytes.length)]),
    targetBytes,
  ]);
  if (prefixes.size >= prefixCacheMax) prefixes.clear(); // targets are few; this only bounds abuse
  prefixes.set(target, prefix);
  return remember(target, prefix);
}

function remember(target: string, prefix: Buffer): Buffer {
  lastTarget = target;
  lastPrefix = prefix;
  return prefix;
}

/** One framed Invocation without id or headers, byte-identical to encoding the whole array. */
export function writeBroadcastInvocation(encoder: Encoder, target: string, args: unknown[]): Buffer {
  const prefix = invocationPrefix(target);
  const encodedArgs = encoder.encodeSharedRef(args);
  const payloadLength = prefix.length + encodedArgs.length;
  const header = varIntSize(payloadLength);
  const framed = Buffer.allocUnsafe(header + payloadLength);
  writeVarInt(framed, 0, payloadLength);
  prefix.copy(framed, header);
  framed.set(encodedArgs, header + prefix.length);
  return framed;
}
