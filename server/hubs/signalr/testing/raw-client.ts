// A bare `ws` client speaking the wire protocol by hand: for tests that must send what the
// official client never would (bad frames, v0 negotiate, silence).
import { WebSocket } from 'ws';
import { createJsonProtocol } from '../json-protocol';
import type { HubMessage } from '../messages';
import { createMsgpackProtocol } from '../msgpack-protocol';

const messageBytesMax = 16 * 1024 * 1024;
export const jsonProtocol = createJsonProtocol(messageBytesMax);
export const msgpackProtocol = createMsgpackProtocol(messageBytesMax);

export interface RawSocket {
  socket: WebSocket;
  /** Raw frames received, in order. */
  frames: Buffer[];
  closed: Promise<{ code: number }>;
}

export function openRawSocket(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), { headers });
    const frames: Buffer[] = [];
    const closed = new Promise<{ code: number }>((done) => socket.on('close', (code) => done({ code })));
    socket.on('message', (data: Buffer) => frames.push(data));
    socket.once('open', () => resolve({ socket, frames, closed }));
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode}`)),
    );
    socket.once('error', reject);
  });
}

export async function negotiateRaw(
  hubUrl: string,
  query = 'negotiateVersion=1',
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(`${hubUrl}/negotiate?${query}`, { method: 'POST', headers });
  if (!response.ok) throw new Error(`negotiate: HTTP ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Opens a socket on a fresh connection and completes the handshake. */
export async function connectRaw(hubUrl: string, protocol: 'json' | 'messagepack'): Promise<RawSocket> {
  const negotiated = await negotiateRaw(hubUrl);
  const raw = await openRawSocket(`${hubUrl}?id=${String(negotiated.connectionToken)}`);
  raw.socket.send(`{"protocol":"${protocol}","version":1}\u001e`);
  await waitForFrames(raw, 1);
  if (raw.frames[0].toString('utf8') !== '{}\u001e')
    throw new Error(`handshake failed: ${raw.frames[0].toString('utf8')}`);
  raw.frames.shift();
  return raw;
}

export async function waitForFrames(raw: RawSocket, count: number, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (raw.frames.length < count) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out waiting for ${count} frames (got ${raw.frames.length})`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function parseFrames(frames: Buffer[], protocol: 'json' | 'messagepack'): HubMessage[] {
  const parser = protocol === 'json' ? jsonProtocol : msgpackProtocol;
  return frames.flatMap((frame) => parser.parse(frame));
}
