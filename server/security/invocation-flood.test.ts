// Issue 7, item 3: one connection cannot run the server out of memory. Invocations queue per
// connection up to a bound (count and bytes); one more closes that connection with a Close
// message saying why; calls still queued when a connection closes are dropped, not run.
import { readdirSync } from 'node:fs';
import { encode } from '@msgpack/msgpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import { frameBinary } from '../hubs/signalr/binary-framing';
import { connectRaw, parseFrames } from '../hubs/signalr/testing/raw-client';
import type { RawSocket } from '../hubs/signalr/testing/raw-client';
import { waitFor } from '../hubs/signalr/testing/test-server';
import { startTestServer } from '../main/test-server';
import type { TestServer } from '../main/test-server';

const pendingInvocationsMax = 256;
let test: TestServer;
let hubUrl: string;

beforeAll(async () => {
  test = await startTestServer();
  hubUrl = `${test.server.url}${hubPaths.patch}`;
});
afterAll(() => test.stop());

function jsonCalls(count: number, call: (index: number) => { target: string; arguments: unknown[] }): string {
  let text = '';
  for (let index = 0; index < count; index++)
    text += JSON.stringify({ type: 1, invocationId: String(index), ...call(index) }) + '\u001e';
  return text;
}

function createdPatches(): string[] {
  return readdirSync(test.storeDir).filter((name) => name.startsWith('flood-'));
}

function closeMessage(raw: RawSocket, protocol: 'json' | 'messagepack'): { error?: string } | undefined {
  return parseFrames(raw.frames, protocol).find((message) => message.type === 7) as
    { error?: string } | undefined;
}

describe('item 3: per-connection invocation limits', () => {
  it('3,000 createPatch calls in one frame, socket closed 0.1 s later: at most the limit run, none after the close', async () => {
    const raw = await connectRaw(hubUrl, 'json');
    raw.socket.send(
      jsonCalls(3_000, (index) => ({ target: 'createPatch', arguments: [`flood-${index}`, null] })),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    raw.socket.close();
    await raw.closed;
    const atClose = createdPatches().length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const later = createdPatches().length;
    expect(later).toBeLessThanOrEqual(pendingInvocationsMax);
    // at most the call running when the socket closed may still finish
    expect(later - atClose).toBeLessThanOrEqual(1);
    // the flood was refused outright: the Close came with the reason
    expect(closeMessage(raw, 'json')?.error).toMatch(
      /Connection closed with an error\. The client has 256 hub invocations waiting for their results, the most one connection may have/,
    );
  });

  it('drops queued calls when the client goes away under the limit', async () => {
    const raw = await connectRaw(hubUrl, 'json');
    raw.socket.send(
      jsonCalls(200, (index) => ({ target: 'createPatch', arguments: [`flood-quiet-${index}`, null] })),
    );
    raw.socket.close(); // a clean close: the frame is delivered first
    await raw.closed;
    await waitFor(
      () => test.server.signalr.connectionCount(hubPaths.patch) === 0,
      'the connection to be gone',
    );
    const quiet = () => createdPatches().filter((name) => name.startsWith('flood-quiet-')).length;
    const atClose = quiet();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // at most the call running when the connection closed may still finish
    expect(quiet() - atClose).toBeLessThanOrEqual(1);
    expect(quiet()).toBeLessThan(200);
  });

  it('closes a MessagePack flood of listVersions with the reason and keeps memory bounded', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    let frames = 0;
    const call = frameBinary(encode([1, {}, '1', 'listVersions', ['ema-cross-rsi']]));
    // 8 MB frames, as in the report: the first one closes the connection
    const frame = Buffer.concat(
      Array.from({ length: Math.floor((8 * 1024 * 1024 - 1024) / call.length) }, () => call),
    );
    const raw = await connectRaw(hubUrl, 'messagepack');
    let closed = false;
    void raw.closed.then(() => (closed = true));
    for (; frames < 20 && !closed; frames++) {
      raw.socket.send(frame);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await waitFor(() => closed, 'the server to close the flooding connection', 10_000);
    expect(closeMessage(raw, 'messagepack')?.error).toMatch(/256 hub invocations waiting/);
    await waitFor(
      () => test.server.signalr.connectionCount(hubPaths.patch) === 0,
      'the connection to be gone',
    );
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(256 * 1024 * 1024);
  });

  it('leaves the official client working', async () => {
    const client = await test.connect(hubPaths.patch);
    const calls = Array.from({ length: 100 }, () => client.invoke('listPatches'));
    expect((await Promise.all(calls)).length).toBe(100);
  });
});
