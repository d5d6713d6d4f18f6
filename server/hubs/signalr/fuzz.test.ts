// Throws malformed and truncated frames of both protocols (and bad handshakes) at the server over
// raw sockets, seeded and bounded; the server must close only the offending connection, with a
// Close error and nothing else, stay up, leak no connection, and then serve official clients.
import { encode } from '@msgpack/msgpack';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { frameBinary } from './binary-framing';
import { negotiateRaw, openRawSocket, parseFrames } from './testing/raw-client';
import type { RawSocket } from './testing/raw-client';
import { buildClient, startTestServer, transportMatrix, waitFor } from './testing/test-server';
import type { TestServer } from './testing/test-server';
import { seededRandom } from '@patchdesk/modules/sdk/seeded-random';

const seed = 0x5eed_f00d;
const iterations = 240;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ receiveMessageBytesMax: 64 * 1024 });
});

afterAll(async () => {
  await server.close();
});

/** Seeded, so a failure can be replayed. */
function createRandom(initial: number) {
  const next = seededRandom(initial);
  const int = (max: number) => Math.floor(next() * max);
  const bytes = (length: number) => Buffer.from(Array.from({ length }, () => int(256)));
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, bytes, pick };
}
type Random = ReturnType<typeof createRandom>;

const checkId = 'fuzz-check';
const jsonCheck = Buffer.from(
  `{"type":1,"invocationId":"${checkId}","target":"add","arguments":[1,1]}\u001e`,
);
const msgpackCheck = frameBinary(encode([1, {}, checkId, 'add', [1, 1]]));

function jsonGarbage(random: Random): Buffer {
  const valid = `{"type":1,"invocationId":"7","target":"add","arguments":[1,2]}\u001e`;
  const recordSeparated = (text: string) => Buffer.from(text + '\u001e');
  switch (random.int(9)) {
    case 0:
      return Buffer.concat([random.bytes(1 + random.int(200)), Buffer.from([0x1e])]);
    case 1:
      return Buffer.from(valid.slice(0, 1 + random.int(valid.length - 2))); // truncated, no separator
    case 2:
      return recordSeparated(
        random.pick(['{"type":"1"}', '[]', 'null', '42', '"text"', '{}', '{"type":1.5}']),
      );
    case 3:
      return recordSeparated(
        random.pick([
          '{"type":1,"target":7,"arguments":[]}',
          '{"type":1,"target":"add","arguments":{}}',
          '{"type":1,"invocationId":5,"target":"add","arguments":[]}',
          '{"type":4,"target":"counter","arguments":[1,1,0]}',
          '{"type":2,"item":1}',
          '{"type":3,"invocationId":"1","result":1,"error":"both"}',
          '{"type":8,"sequenceId":"x"}',
          '{"type":1,"target":"add","arguments":[1],"streamIds":[1]}',
          '{"type":1,"target":"add","arguments":[],"headers":[]}',
        ]),
      );
    case 4:
      return recordSeparated('['.repeat(5_000 + random.int(50_000)) + ']'.repeat(10));
    case 5: {
      const bytes = Buffer.from(valid);
      for (let flips = 1 + random.int(4); flips > 0; flips--)
        bytes[random.int(bytes.length - 1)] = random.int(256);
      return bytes;
    }
    case 6:
      return recordSeparated(`{"type":1,"target":"echo","arguments":["${'x'.repeat(70 * 1024)}"]}`); // over the limit
    case 7:
      return Buffer.from([0xff, 0xfe, 0x1e]); // invalid UTF-8
    default:
      return recordSeparated(
        `{"type":1,"invocationId":"${random.int(1e6)}","target":"${random.pick(['add', 'nope', 'counter', 'uploadSum'])}","arguments":[${random.pick(['', '1', '"a",{}', 'null,null,null'])}]}`,
      );
  }
}

function msgpackGarbage(random: Random): Buffer {
  switch (random.int(10)) {
    case 0:
      return random.bytes(1 + random.int(200));
    case 1:
      return Buffer.from([0x80, 0x80, 0x80]); // truncated varint
    case 2:
      return Buffer.concat([Buffer.from([0xff, 0xff, 0xff, 0xff, 0x07]), random.bytes(random.int(20))]); // 2 GB announced
    case 3:
      return frameBinary(Buffer.from([0xc1])); // never-used MessagePack byte
    case 4:
      return frameBinary(Buffer.from([0xdd, 0xff, 0xff, 0xff, 0xff])); // array of 4 billion announced
    case 5:
      return frameBinary(
        encode(
          random.pick([
            [1, 'headers', '1', 'add', []],
            [1, {}, 5, 'add', []],
            [2, {}],
            [3, {}, '1', 9],
            [1, {}, null, 'add', 'args'],
            [7, 5],
            [8, 'x'],
            'str',
            {},
            [],
          ]),
        ),
      );
    case 6: {
      const valid = frameBinary(encode([1, {}, '3', 'add', [1, 2]]));
      return valid.subarray(0, 1 + random.int(valid.length - 1)); // truncated body
    }
    case 7: {
      const valid = Buffer.from(frameBinary(encode([1, {}, '3', 'add', [1, 2]])));
      for (let flips = 1 + random.int(4); flips > 0; flips--)
        valid[1 + random.int(valid.length - 1)] = random.int(256);
      return valid;
    }
    case 8:
      return frameBinary(Buffer.from([0x81, 0x01, 0x02])); // map with an integer key
    default:
      return frameBinary(
        encode([
          random.pick([1, 4]),
          {},
          String(random.int(1e6)),
          random.pick(['add', 'counter', 'x']),
          [random.int(10), 'b'],
        ]),
      );
  }
}

function handshakeGarbage(random: Random): Buffer {
  switch (random.int(5)) {
    case 0:
      return Buffer.concat([random.bytes(1 + random.int(100)), Buffer.from([0x1e])]);
    case 1:
      return Buffer.from(
        `{"protocol":${random.pick(['1', 'null', '"msgpack"', '"JSON"'])},"version":${random.pick(['1', '"1"', '0', '99', '1.5'])}}\u001e`,
      );
    case 2:
      return Buffer.from('x'.repeat(5_000)); // no separator, over the handshake limit
    case 3:
      return Buffer.from('[1,2,3]\u001e');
    default:
      return Buffer.from('{"protocol":"json"}\u001e');
  }
}

async function freshSocket(): Promise<RawSocket> {
  const negotiated = await negotiateRaw(server.hubUrl);
  return openRawSocket(`${server.hubUrl}?id=${String(negotiated.connectionToken)}`);
}

async function settle(raw: RawSocket, check: (frames: Buffer[]) => boolean): Promise<'closed' | 'answered'> {
  let closed = false;
  void raw.closed.then(() => (closed = true));
  await waitFor(() => closed || check(raw.frames), 'the server to close or answer', 5_000);
  return closed ? 'closed' : 'answered';
}

it('survives malformed, truncated and oversized input of both protocols, closing only the sender', async () => {
  const random = createRandom(seed);
  const outcomes = { closed: 0, answered: 0 };
  for (let iteration = 0; iteration < iterations; iteration++) {
    const kind = random.pick(['handshake', 'json', 'messagepack'] as const);
    const raw = await freshSocket();
    if (kind === 'handshake') {
      raw.socket.send(handshakeGarbage(random), { binary: random.next() < 0.5 });
      expect(await settle(raw, () => false)).toBe('closed');
      expect(raw.frames.map(String).join('')).toMatch(/^\{"error":".+"\}\u001e$/);
      continue;
    }
    raw.socket.send(`{"protocol":"${kind}","version":1}\u001e`);
    await waitFor(() => raw.frames.length > 0, 'handshake');
    raw.frames.shift();
    const garbage = kind === 'json' ? jsonGarbage(random) : msgpackGarbage(random);
    raw.socket.send(garbage, { binary: kind === 'messagepack' });
    raw.socket.send(kind === 'json' ? jsonCheck : msgpackCheck, { binary: kind === 'messagepack' });
    const answeredCheck = (frames: Buffer[]) => {
      try {
        return parseFrames(frames, kind).some(
          (message) => message.type === 3 && message.invocationId === checkId,
        );
      } catch {
        return false;
      }
    };
    const outcome = await settle(raw, answeredCheck);
    outcomes[outcome]++;
    if (outcome === 'closed' && !answeredCheck(raw.frames)) {
      // Whatever the garbage, a connection we close hears exactly one Close with the reason.
      const messages = parseFrames(raw.frames, kind).filter((message) => message.type !== 3);
      expect(messages, `iteration ${iteration}: ${garbage.subarray(0, 40).toString('hex')}`).toHaveLength(1);
      expect(messages[0]).toMatchObject({ type: 7 });
      expect((messages[0] as { error?: string }).error).toMatch(
        /^Connection closed with an error\. InvalidDataException: .+/,
      );
    }
    raw.socket.terminate();
  }
  // Both paths were exercised: the seed is not producing only harmless (or only fatal) input.
  expect(outcomes.closed).toBeGreaterThan(10);
  expect(outcomes.answered).toBeGreaterThan(10);
  await waitFor(() => server.signalr.connectionCount() === 0, 'every fuzzed connection to be gone');
});

it('survives garbage POSTed to long-polling and SSE connections', async () => {
  const random = createRandom(seed + 1);
  for (let iteration = 0; iteration < 20; iteration++) {
    const negotiated = await negotiateRaw(server.hubUrl);
    const url = `${server.hubUrl}?id=${String(negotiated.connectionToken)}`;
    expect((await fetch(url)).status).toBe(200); // first poll
    const handshake = random.next() < 0.5 ? '{"protocol":"messagepack","version":1}\u001e' : '';
    const body = Buffer.concat([Buffer.from(handshake), random.bytes(1 + random.int(300))]);
    const post = await fetch(url, { method: 'POST', body });
    expect([200, 404]).toContain(post.status);
    await fetch(url, { method: 'DELETE' });
  }
  const noId = await fetch(server.hubUrl, { method: 'POST', body: 'x' });
  expect(noId.status).toBe(400);
});

it('then serves fresh official clients on every transport', async () => {
  for (const { transport, protocol } of transportMatrix) {
    const client = buildClient(server.hubUrl, { transport, protocol });
    await client.start();
    expect(await client.invoke('add', 20, 22)).toBe(42);
    await client.stop();
  }
});
