// The JSON hub protocol: UTF-8 JSON records, each terminated by 0x1E.
import type { HubProtocol } from './hub-protocol';
import { InvalidDataError, MessageType } from './messages';
import type { HubMessage, MessageHeaders } from './messages';
import { jsonReplacer } from './wire-values';
import { MessageSpan } from './message-span';

export const recordSeparator = '\u001e';
const recordSeparatorCode = 0x1e;

type JsonRecord = Record<string, unknown>;

function requireString(record: JsonRecord, key: string, what: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '')
    throw new InvalidDataError(`${what}: '${key}' must be a non-empty string.`);
  return value;
}

function optionalString(record: JsonRecord, key: string, what: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new InvalidDataError(`${what}: '${key}' must be a non-empty string.`);
  return value;
}

function requireArguments(record: JsonRecord, what: string): unknown[] {
  const value = record.arguments;
  if (!Array.isArray(value)) throw new InvalidDataError(`${what}: 'arguments' must be an array.`);
  return value;
}

function optionalStreamIds(record: JsonRecord, what: string): string[] | undefined {
  const value = record.streamIds;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string' && id !== '')) {
    throw new InvalidDataError(`${what}: 'streamIds' must be an array of non-empty strings.`);
  }
  return value as string[];
}

function optionalHeaders(record: JsonRecord, what: string): MessageHeaders | undefined {
  const value = record.headers;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new InvalidDataError(`${what}: 'headers' must be an object.`);
  for (const header of Object.values(value)) {
    if (typeof header !== 'string') throw new InvalidDataError(`${what}: header values must be strings.`);
  }
  return value as MessageHeaders;
}

function requireSequenceId(record: JsonRecord, what: string): number {
  const value = record.sequenceId;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidDataError(`${what}: 'sequenceId' must be a non-negative integer.`);
  }
  return value;
}

/** Turns one parsed record into a message; undefined for message types we do not know. */
export function messageFromJson(record: unknown): HubMessage | undefined {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new InvalidDataError('A JSON hub message must be an object.');
  }
  const json = record as JsonRecord;
  if (typeof json.type !== 'number') throw new InvalidDataError("A JSON hub message needs a numeric 'type'.");
  switch (json.type) {
    case MessageType.Invocation:
    case MessageType.StreamInvocation: {
      const what = json.type === MessageType.Invocation ? 'Invocation' : 'StreamInvocation';
      const invocationId =
        json.type === MessageType.Invocation
          ? optionalString(json, 'invocationId', what)
          : requireString(json, 'invocationId', what);
      return {
        type: json.type,
        headers: optionalHeaders(json, what),
        invocationId,
        target: requireString(json, 'target', what),
        arguments: requireArguments(json, what),
        streamIds: optionalStreamIds(json, what),
      } as HubMessage;
    }
    case MessageType.StreamItem:
      return {
        type: MessageType.StreamItem,
        headers: optionalHeaders(json, 'StreamItem'),
        invocationId: requireString(json, 'invocationId', 'StreamItem'),
        item: json.item ?? null,
      };
    case MessageType.Completion: {
      const error = json.error;
      if (error !== undefined && error !== null && typeof error !== 'string') {
        throw new InvalidDataError("Completion: 'error' must be a string.");
      }
      if (typeof error === 'string' && json.result !== undefined) {
        throw new InvalidDataError("Completion: has both 'result' and 'error'.");
      }
      return {
        type: MessageType.Completion,
        headers: optionalHeaders(json, 'Completion'),
        invocationId: requireString(json, 'invocationId', 'Completion'),
        ...(typeof error === 'string' ? { error } : 'result' in json ? { result: json.result } : {}),
      };
    }
    case MessageType.CancelInvocation:
      return {
        type: MessageType.CancelInvocation,
        invocationId: requireString(json, 'invocationId', 'CancelInvocation'),
      };
    case MessageType.Ping:
      return { type: MessageType.Ping };
    case MessageType.Close: {
      const error = json.error;
      const allowReconnect = json.allowReconnect;
      return {
        type: MessageType.Close,
        error: typeof error === 'string' ? error : undefined,
        allowReconnect: allowReconnect === true,
      };
    }
    case MessageType.Ack:
      return { type: MessageType.Ack, sequenceId: requireSequenceId(json, 'Ack') };
    case MessageType.Sequence:
      return { type: MessageType.Sequence, sequenceId: requireSequenceId(json, 'Sequence') };
    default:
      return undefined; // unknown types are ignored, as the spec asks
  }
}

/** The record a message is written as: no null invocationId, no void result key, never both result and error. */
export function messageToJson(message: HubMessage): JsonRecord {
  switch (message.type) {
    case MessageType.Invocation:
    case MessageType.StreamInvocation: {
      const record: JsonRecord = { type: message.type, target: message.target, arguments: message.arguments };
      if (message.invocationId !== undefined) record.invocationId = message.invocationId;
      if (message.streamIds !== undefined && message.streamIds.length > 0)
        record.streamIds = message.streamIds;
      if (message.headers !== undefined) record.headers = message.headers;
      return record;
    }
    case MessageType.StreamItem:
      return { type: message.type, invocationId: message.invocationId, item: message.item ?? null };
    case MessageType.Completion: {
      const record: JsonRecord = { type: message.type, invocationId: message.invocationId };
      if (message.error !== undefined) record.error = message.error || 'Error';
      else if (message.result !== undefined) record.result = message.result;
      return record;
    }
    case MessageType.CancelInvocation:
      return { type: message.type, invocationId: message.invocationId };
    case MessageType.Close: {
      const record: JsonRecord = { type: message.type };
      if (message.error !== undefined) record.error = message.error;
      if (message.allowReconnect) record.allowReconnect = true;
      return record;
    }
    case MessageType.Ack:
    case MessageType.Sequence:
      return { type: message.type, sequenceId: message.sequenceId };
    case MessageType.Ping:
      return { type: message.type };
  }
}

function write(message: HubMessage): Buffer {
  return Buffer.from(JSON.stringify(messageToJson(message), jsonReplacer) + recordSeparator, 'utf8');
}

export function createJsonProtocol(messageBytesMax: number): HubProtocol {
  return {
    name: 'json',
    transferFormat: 'Text',
    parse(data: Uint8Array, sizes?: number[]): HubMessage[] {
      if (data.length === 0) return [];
      if (data[data.length - 1] !== recordSeparatorCode)
        throw new InvalidDataError('Message is incomplete: missing the 0x1E record separator.');
      const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
      const records = text.split(recordSeparator);
      // one UTF-16 unit per byte means plain ASCII: a record's length is then its size in bytes
      const ascii = text.length === data.length;
      const messages: HubMessage[] = [];
      for (let index = 0; index < records.length - 1; index++) {
        const record = records[index];
        // UTF-8 takes 1 to 3 bytes per UTF-16 unit: count bytes only when the length is in doubt.
        if (
          record.length > messageBytesMax ||
          (record.length * 3 > messageBytesMax && Buffer.byteLength(record) > messageBytesMax)
        ) {
          throw new InvalidDataError(`Record ${index} exceeds the limit of ${messageBytesMax} bytes.`);
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(record);
        } catch (error) {
          throw new InvalidDataError(`Record ${index} is not valid JSON: ${(error as Error).message}`);
        }
        const message = messageFromJson(parsed);
        if (message !== undefined) {
          messages.push(message);
          sizes?.push((ascii ? record.length : Buffer.byteLength(record)) + 1);
        }
      }
      return messages;
    },
    write,
    writeSpan: (message: HubMessage) => MessageSpan.of(write(message)),
  };
}
