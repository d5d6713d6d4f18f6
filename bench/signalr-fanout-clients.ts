// Child process for bench/signalr-fanout.bench.ts: opens N raw `ws` sockets (doing the SignalR
// MessagePack handshake when asked), counts the length-prefixed messages they receive, and
// reports counts over IPC. Raw sockets, not the official client: its per-message overhead
// would measure the client, not the server.
import { WebSocket } from 'ws';

interface Setup {
  kind: 'setup';
  url: string;
  clients: number;
  handshake: boolean;
}
type Command = Setup | { kind: 'count' } | { kind: 'stop' };

let received = 0;
const sockets: WebSocket[] = [];

/** Counts VarInt-length-prefixed messages in one WebSocket message. */
function countMessages(data: Buffer): number {
  let count = 0;
  let offset = 0;
  while (offset < data.length) {
    let length = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = data[offset++];
      length |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    offset += length;
    count++;
  }
  return count;
}

function open(setup: Setup): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(setup.url, { perMessageDeflate: false });
    let handshaken = !setup.handshake;
    socket.on('open', () => {
      if (setup.handshake) socket.send('{"protocol":"messagepack","version":1}\u001e');
      else resolve();
    });
    socket.on('message', (data: Buffer) => {
      if (!handshaken) {
        handshaken = true; // `{}` + 0x1E; nothing else is sent before we join the group
        resolve();
        return;
      }
      received += countMessages(data);
    });
    socket.on('error', reject);
    sockets.push(socket);
  });
}

process.on('message', (command: Command) => {
  if (command.kind === 'setup') {
    void Promise.all(Array.from({ length: command.clients }, () => open(command))).then(
      () => process.send?.({ kind: 'ready' }),
      (error: unknown) => process.send?.({ kind: 'error', message: String(error) }),
    );
  } else if (command.kind === 'count') {
    process.send?.({ kind: 'count', received });
  } else {
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  }
});
