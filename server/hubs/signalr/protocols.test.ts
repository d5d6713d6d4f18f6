// Our codecs against the official client's own: what we write, its parser reads as intended,
// and what it writes (every type it can send), we read.
import { JsonHubProtocol, MessageType as ClientMessageType, NullLogger } from '@microsoft/signalr';
import type { HubMessage as ClientHubMessage } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { describe, expect, it } from 'vitest';
import { createJsonProtocol } from './json-protocol';
import { InvalidDataError, MessageType } from './messages';
import type { HubMessage } from './messages';
import { createMsgpackProtocol } from './msgpack-protocol';

const json = createJsonProtocol(1 << 20);
const msgpack = createMsgpackProtocol(1 << 20);
const clientJson = new JsonHubProtocol();
const clientMsgpack = new MessagePackHubProtocol();

function clientReads(protocol: 'json' | 'messagepack', bytes: Buffer): ClientHubMessage[] {
  if (protocol === 'json') return clientJson.parseMessages(bytes.toString('utf8'), NullLogger.instance);
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return clientMsgpack.parseMessages(copy as ArrayBuffer, NullLogger.instance);
}

function weRead(protocol: 'json' | 'messagepack', written: string | ArrayBuffer): HubMessage[] {
  const bytes = typeof written === 'string' ? Buffer.from(written, 'utf8') : Buffer.from(written);
  return (protocol === 'json' ? json : msgpack).parse(bytes);
}

describe('exact MessagePack bytes (from the wire dumps of the real client and .NET)', () => {
  const hex = (message: HubMessage) => msgpack.write(message).toString('hex');
  it('writes completions, stream items and close as .NET does', () => {
    expect(hex({ type: MessageType.Completion, invocationId: '0', result: 42 })).toBe('07950380a130032a');
    expect(hex({ type: MessageType.Completion, invocationId: '1' })).toBe('06940380a13102');
    expect(hex({ type: MessageType.StreamItem, invocationId: '6', item: 0 })).toBe('06940280a13600');
    expect(hex({ type: MessageType.Close, error: 'restarting', allowReconnect: true })).toBe(
      '0e9307aa' + Buffer.from('restarting').toString('hex') + 'c3',
    );
    expect(hex({ type: MessageType.Ping })).toBe('029106');
  });
});

describe.each(['json', 'messagepack'] as const)('%s codec', (protocol) => {
  const codec = protocol === 'json' ? json : msgpack;

  it('writes messages the official client parses as intended', () => {
    const written = Buffer.concat([
      codec.write({ type: MessageType.Invocation, target: 'told', arguments: ['a', 1] }),
      codec.write({ type: MessageType.StreamItem, invocationId: '3', item: null }),
      codec.write({ type: MessageType.Completion, invocationId: '4', result: 0 }),
      codec.write({ type: MessageType.Completion, invocationId: '5', result: null }),
      codec.write({ type: MessageType.Completion, invocationId: '6' }),
      codec.write({ type: MessageType.Completion, invocationId: '7', error: 'nope' }),
      codec.write({ type: MessageType.Ping }),
      codec.write({ type: MessageType.Close, error: 'bye', allowReconnect: true }),
      codec.write({ type: MessageType.Ack, sequenceId: 12 }),
      codec.write({ type: MessageType.Sequence, sequenceId: 13 }),
    ]);
    const parsed = clientReads(protocol, written).map((message) => ({
      ...message,
      headers: undefined,
      streamIds: undefined,
    }));
    expect(parsed).toMatchObject([
      { type: ClientMessageType.Invocation, target: 'told', arguments: ['a', 1] },
      { type: ClientMessageType.StreamItem, invocationId: '3', item: null },
      { type: ClientMessageType.Completion, invocationId: '4', result: 0 },
      { type: ClientMessageType.Completion, invocationId: '5', result: null },
      { type: ClientMessageType.Completion, invocationId: '6' },
      { type: ClientMessageType.Completion, invocationId: '7', error: 'nope' },
      { type: ClientMessageType.Ping },
      { type: ClientMessageType.Close, error: 'bye', allowReconnect: true },
      { type: ClientMessageType.Ack, sequenceId: 12 },
      { type: ClientMessageType.Sequence, sequenceId: 13 },
    ]);
    // send()-style invocations carry no id at all: `"invocationId": null` would be fatal to the client.
    expect('invocationId' in parsed[0]).toBe(false);
    expect((parsed[4] as { result?: unknown }).result).toBeUndefined();
  });

  it('reads every message type the official client writes', () => {
    const client = protocol === 'json' ? clientJson : clientMsgpack;
    const messages: ClientHubMessage[] = [
      {
        type: ClientMessageType.Invocation,
        invocationId: '0',
        target: 'add',
        arguments: [40, 2],
        streamIds: [],
      } as ClientHubMessage,
      { type: ClientMessageType.Invocation, target: 'notify', arguments: ['hello', 7] } as ClientHubMessage,
      {
        type: ClientMessageType.Invocation,
        invocationId: '9',
        target: 'uploadSum',
        arguments: [100],
        streamIds: ['8'],
      } as ClientHubMessage,
      { type: ClientMessageType.StreamItem, invocationId: '8', item: 1 } as ClientHubMessage,
      { type: ClientMessageType.Completion, invocationId: '8' } as ClientHubMessage,
      { type: ClientMessageType.Completion, invocationId: 's1', result: 40 } as ClientHubMessage,
      {
        type: ClientMessageType.StreamInvocation,
        invocationId: '6',
        target: 'counter',
        arguments: [5, 5],
      } as ClientHubMessage,
      { type: ClientMessageType.CancelInvocation, invocationId: '7' } as ClientHubMessage,
      { type: ClientMessageType.Ping },
      { type: ClientMessageType.Close } as ClientHubMessage,
      { type: ClientMessageType.Ack, sequenceId: 1 },
      { type: ClientMessageType.Sequence, sequenceId: 2 },
    ];
    const written = messages.map((message) => client.writeMessage(message));
    const joined =
      protocol === 'json'
        ? (written as string[]).join('')
        : Buffer.concat((written as ArrayBuffer[]).map((part) => Buffer.from(part)));
    const read = weRead(
      protocol,
      typeof joined === 'string'
        ? joined
        : joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength),
    );
    expect(read.map((message) => message.type)).toEqual([1, 1, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9]);
    expect(read[0]).toMatchObject({ invocationId: '0', target: 'add', arguments: [40, 2] });
    expect(read[1]).toMatchObject({ target: 'notify', arguments: ['hello', 7] });
    expect((read[1] as { invocationId?: string }).invocationId).toBeUndefined();
    expect(read[2]).toMatchObject({ invocationId: '9', streamIds: ['8'] });
    expect(read[3]).toMatchObject({ invocationId: '8', item: 1 });
    expect('result' in read[4]).toBe(false);
    expect(read[5]).toMatchObject({ invocationId: 's1', result: 40 });
    expect(read[6]).toMatchObject({ invocationId: '6', target: 'counter', arguments: [5, 5] });
    expect(read[7]).toMatchObject({ invocationId: '7' });
    expect(read[10]).toEqual({ type: 8, sequenceId: 1 });
  });

  it('writes typed arrays as the API doc says (bin / number array with null for NaN)', () => {
    const values = new Float64Array([1.5, Number.NaN, Number.POSITIVE_INFINITY]);
    const [message] = clientReads(
      protocol,
      codec.write({ type: MessageType.Completion, invocationId: '1', result: { values } }),
    );
    const result = (message as { result: { values: unknown } }).result.values;
    if (protocol === 'json') expect(result).toEqual([1.5, null, null]);
    else
      expect([...new Float64Array((result as Uint8Array).slice().buffer)]).toEqual([
        1.5,
        Number.NaN,
        Number.POSITIVE_INFINITY,
      ]);
  });

  it('refuses malformed input with InvalidDataError', () => {
    const bad =
      protocol === 'json'
        ? [
            '{"type":1}\u001e',
            '[1]\u001e',
            '{"type":"1"}\u001e',
            '{"type":1,"target":"x","arguments":[]}',
            '{"type":3,"invocationId":"1","result":1,"error":"e"}\u001e',
          ]
        : [
            Buffer.from([0x01, 0x90]),
            Buffer.from([0x03, 0x92, 0x01, 0x80]),
            Buffer.from([0x02, 0x91, 0xa1]),
            Buffer.from([0x04, 0x93, 0x08, 0xa1, 0x31]),
          ];
    for (const input of bad) {
      expect(
        () => codec.parse(typeof input === 'string' ? Buffer.from(input) : input),
        String(input),
      ).toThrow(InvalidDataError);
    }
  });

  it('ignores message types it does not know', () => {
    const unknown =
      protocol === 'json'
        ? Buffer.from('{"type":99}\u001e{"type":6}\u001e')
        : Buffer.from([0x02, 0x91, 0x63, 0x02, 0x91, 0x06]);
    expect(codec.parse(unknown)).toEqual([{ type: MessageType.Ping }]);
  });
});

describe('message sizes (what a pending invocation is charged)', () => {
  it('reports each message of a JSON batch in UTF-8 bytes, separator included', () => {
    const records = ['{"type":6}', '{"type":1,"target":"é€😀","arguments":[]}'];
    const sizes: number[] = [];
    json.parse(Buffer.from(records.map((record) => `${record}\u001e`).join(''), 'utf8'), sizes);
    expect(sizes).toEqual(records.map((record) => Buffer.byteLength(record) + 1));
  });

  it('reports each MessagePack message by its payload length', () => {
    const sizes: number[] = [];
    const first = msgpack.write({ type: MessageType.Ping });
    const second = msgpack.write({ type: MessageType.Invocation, target: 'x', arguments: ['y'.repeat(300)] });
    msgpack.parse(Buffer.concat([first, second]), sizes);
    expect(sizes).toEqual([first.length - 1, second.length - 2]);
  });
});
