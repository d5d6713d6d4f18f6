// The MessagePack hub protocol: each message is VarInt(length) || msgpack array, shaped as the
// 10.x JS client reads and writes them (5-element Invocations without streams, headers map
// on types 1-5 only, Close as [7, error|nil, allowReconnect]).
import { Decoder, Encoder } from '@msgpack/msgpack';
import { protoKeyMark } from '@patchdesk/modules/sdk/forbidden-keys';
import { frameBinary, splitBinaryFrames } from './binary-framing';
import type { HubProtocol } from './hub-protocol';
import { invocationPrefix, writeBroadcastInvocation } from './msgpack-invocation';
import { MessageSpan } from './message-span';
import { MsgpackFrameWriter } from './msgpack-writer';
import { InvalidDataError, MessageType } from './messages';
import type { HubMessage, MessageHeaders } from './messages';

const resultKindError = 1;
const resultKindVoid = 2;
const resultKindValue = 3;
const emptyHeaders: MessageHeaders = Object.freeze({}) as MessageHeaders;

function fail(what: string, why: string): never {
  throw new InvalidDataError(`Invalid payload for ${what} message: ${why}`);
}

function requireLength(array: unknown[], length: number, what: string): void {
  if (array.length < length) fail(what, `expected at least ${length} elements, got ${array.length}.`);
}

function readHeaders(value: unknown, what: string): MessageHeaders {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) {
    fail(what, 'headers must be a map.');
  }
  for (const header of Object.values(value)) {
    if (typeof header !== 'string') fail(what, 'header values must be strings.');
  }
  return value as MessageHeaders;
}

function readId(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') fail(what, 'the invocation id must be a non-empty string.');
  return value;
}

function readTarget(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') fail(what, 'the target must be a non-empty string.');
  return value;
}

function readArguments(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) fail(what, 'the arguments must be an array.');
  return value;
}

function readStreamIds(value: unknown, what: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string' && id !== '')) {
    fail(what, 'the stream ids must be an array of non-empty strings.');
  }
  return value as string[];
}

function readSequenceId(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    fail(what, 'the sequence id must be a non-negative integer.');
  return value;
}

/** Turns one decoded array into a message; undefined for message types we do not know. */
export function messageFromMsgpack(decoded: unknown): HubMessage | undefined {
  if (!Array.isArray(decoded) || decoded.length === 0)
    throw new InvalidDataError('A MessagePack hub message must be a non-empty array.');
  const type = decoded[0];
  if (typeof type !== 'number' || !Number.isInteger(type))
    throw new InvalidDataError('The message type must be an integer.');
  switch (type) {
    case MessageType.Invocation: {
      requireLength(decoded, 5, 'Invocation');
      const id = decoded[2];
      if (id !== null && id !== undefined) readId(id, 'Invocation');
      return {
        type,
        headers: readHeaders(decoded[1], 'Invocation'),
        invocationId: typeof id === 'string' ? id : undefined,
        target: readTarget(decoded[3], 'Invocation'),
        arguments: readArguments(decoded[4], 'Invocation'),
        streamIds: readStreamIds(decoded[5], 'Invocation'),
      };
    }
    case MessageType.StreamInvocation:
      requireLength(decoded, 5, 'StreamInvocation');
      return {
        type,
        headers: readHeaders(decoded[1], 'StreamInvocation'),
        invocationId: readId(decoded[2], 'StreamInvocation'),
        target: readTarget(decoded[3], 'StreamInvocation'),
        arguments: readArguments(decoded[4], 'StreamInvocation'),
        streamIds: readStreamIds(decoded[5], 'StreamInvocation'),
      };
    case MessageType.StreamItem:
      requireLength(decoded, 4, 'StreamItem');
      return {
        type,
        headers: readHeaders(decoded[1], 'StreamItem'),
        invocationId: readId(decoded[2], 'StreamItem'),
        item: decoded[3],
      };
    case MessageType.Completion: {
      requireLength(decoded, 4, 'Completion');
      const headers = readHeaders(decoded[1], 'Completion');
      const invocationId = readId(decoded[2], 'Completion');
      const kind = decoded[3];
      if (kind === resultKindVoid) return { type, headers, invocationId };
      requireLength(decoded, 5, 'Completion');
      if (kind === resultKindValue) return { type, headers, invocationId, result: decoded[4] };
      if (kind === resultKindError) {
        if (typeof decoded[4] !== 'string') fail('Completion', 'the error must be a string.');
        return { type, headers, invocationId, error: decoded[4] };
      }
      return fail('Completion', `unknown result kind ${String(kind)}.`);
    }
    case MessageType.CancelInvocation:
      requireLength(decoded, 3, 'CancelInvocation');
      return {
        type,
        headers: readHeaders(decoded[1], 'CancelInvocation'),
        invocationId: readId(decoded[2], 'CancelInvocation'),
      };
    case MessageType.Ping:
      return { type };
    case MessageType.Close: {
      requireLength(decoded, 2, 'Close');
      const error = decoded[1];
      if (error !== null && error !== undefined && typeof error !== 'string')
        fail('Close', 'the error must be a string or nil.');
      return {
        type,
        error: typeof error === 'string' ? error : undefined,
        allowReconnect: decoded[2] === true,
      };
    }
    case MessageType.Ack:
    case MessageType.Sequence:
      requireLength(decoded, 2, type === MessageType.Ack ? 'Ack' : 'Sequence');
      return { type, sequenceId: readSequenceId(decoded[1], type === MessageType.Ack ? 'Ack' : 'Sequence') };
    default:
      return undefined;
  }
}

/** The array a message is written as. */
export function messageToMsgpack(message: HubMessage): unknown[] {
  switch (message.type) {
    case MessageType.Invocation:
    case MessageType.StreamInvocation: {
      const array: unknown[] = [
        message.type,
        message.headers ?? emptyHeaders,
        message.invocationId ?? null,
        message.target,
        message.arguments,
      ];
      if (message.streamIds !== undefined && message.streamIds.length > 0) array.push(message.streamIds);
      return array;
    }
    case MessageType.StreamItem:
      return [message.type, message.headers ?? emptyHeaders, message.invocationId, message.item];
    case MessageType.Completion:
      if (message.error !== undefined)
        return [
          message.type,
          message.headers ?? emptyHeaders,
          message.invocationId,
          resultKindError,
          message.error,
        ];
      if (message.result === undefined)
        return [message.type, message.headers ?? emptyHeaders, message.invocationId, resultKindVoid];
      return [
        message.type,
        message.headers ?? emptyHeaders,
        message.invocationId,
        resultKindValue,
        message.result,
      ];
    case MessageType.CancelInvocation:
      return [message.type, message.headers ?? emptyHeaders, message.invocationId];
    case MessageType.Ping:
      return [message.type];
    case MessageType.Close:
      return [message.type, message.error ?? null, message.allowReconnect === true];
    case MessageType.Ack:
    case MessageType.Sequence:
      return [message.type, message.sequenceId];
  }
}

// The library refuses a `__proto__` map key by throwing, which would close the whole connection
// over one bad argument. Its key decoder sees key bytes first: a `__proto__` key comes out as a
// token the key converter stores under `protoKeyMark`, so the value is kept and the hub
// refuses just that invocation, naming the key (see findForbiddenKey).
const protoKeyBytes = Buffer.from('__proto__', 'utf8');
const protoKeyToken = Object.freeze({ protoKey: true });
const protoKeyDecoder = {
  canBeCached: (byteLength: number) => byteLength === protoKeyBytes.length,
  decode(bytes: Uint8Array, offset: number, byteLength: number): string {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset + offset, byteLength);
    if (view.equals(protoKeyBytes)) return protoKeyToken as unknown as string;
    return view.toString('utf8');
  },
};

function convertMapKey(key: unknown): string | number {
  if (typeof key === 'string' || typeof key === 'number') return key;
  if (key === protoKeyToken) return protoKeyMark as unknown as string;
  throw new InvalidDataError(`a MessagePack map key must be a string or a number, got ${typeof key}`);
}

/**
 * The writer's slab size. A queued or unacked message keeps its whole slab alive (as a slice of
 * Node's 8 KiB Buffer pool did before), so this stays small; big enough that most flushes are
 * one block of side-by-side messages, sent without a copy.
 */
const slabBytes = 16 * 1024;

export function createMsgpackProtocol(messageBytesMax: number): HubProtocol {
  // One writer, encoder and decoder per server: encoding is synchronous. The writer handles the
  // usual payloads; the library encoder takes the rest (same bytes, one more copy).
  const writer = new MsgpackFrameWriter(slabBytes);
  const encoder = new Encoder({ useBigInt64: true });
  const decoder = new Decoder({
    maxStrLength: messageBytesMax,
    maxBinLength: messageBytesMax,
    maxArrayLength: messageBytesMax,
    maxMapLength: messageBytesMax,
    maxExtLength: messageBytesMax,
    keyDecoder: protoKeyDecoder,
    mapKeyConverter: convertMapKey,
  });
  function writeSpan(message: HubMessage): MessageSpan {
    if (
      message.type === MessageType.Invocation &&
      message.invocationId === undefined &&
      message.headers === undefined &&
      (message.streamIds === undefined || message.streamIds.length === 0)
    ) {
      return (
        writer.frame(invocationPrefix(message.target), message.arguments, 1) ??
        MessageSpan.of(writeBroadcastInvocation(encoder, message.target, message.arguments))
      );
    }
    const array = messageToMsgpack(message);
    return writer.frame(undefined, array, 1) ?? MessageSpan.of(frameBinary(encoder.encodeSharedRef(array)));
  }
  return {
    name: 'messagepack',
    transferFormat: 'Binary',
    parse(data: Uint8Array, sizes?: number[]): HubMessage[] {
      const messages: HubMessage[] = [];
      for (const payload of splitBinaryFrames(data, messageBytesMax)) {
        if (payload.length === 0) throw new InvalidDataError('Empty MessagePack message.');
        let decoded: unknown;
        try {
          decoded = decoder.decode(payload);
        } catch (error) {
          throw new InvalidDataError(`Invalid MessagePack: ${(error as Error).message}`);
        }
        const message = messageFromMsgpack(decoded);
        if (message !== undefined) {
          messages.push(message);
          sizes?.push(payload.length);
        }
      }
      return messages;
    },
    write: (message: HubMessage) => writeSpan(message).toBuffer(),
    writeSpan,
  };
}
