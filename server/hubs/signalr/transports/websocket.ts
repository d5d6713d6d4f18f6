// WebSockets transport over `ws`: one WebSocket message per flushed batch, never a hub message
// split across two (the client treats every message as whole records).
import type { WebSocket } from 'ws';
import type { Transport, TransportEvents } from './transport';

const closeTimeoutMs = 5_000;
const closeNormal = 1000;

export class WebSocketTransport implements Transport {
  readonly kind = 'WebSockets';
  private events: TransportEvents | undefined;
  private waitingForDrain = false;

  constructor(
    private readonly socket: WebSocket,
    events: TransportEvents,
    private readonly highWaterMarkBytes: number,
  ) {
    this.events = events;
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => this.events?.received(toBuffer(data)));
    socket.on('close', () => {
      const events = this.events;
      this.events = undefined;
      events?.closed();
    });
    socket.on('error', (error) => {
      const events = this.events;
      this.events = undefined;
      socket.terminate();
      events?.closed(error);
    });
  }

  canWrite(): boolean {
    return (
      this.socket.readyState === this.socket.OPEN && this.socket.bufferedAmount < this.highWaterMarkBytes
    );
  }

  bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }

  write(data: Buffer, binary: boolean): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(data, { binary, compress: false }, this.afterWrite);
    if (this.socket.bufferedAmount >= this.highWaterMarkBytes) this.waitingForDrain = true;
  }

  end(finalData: Buffer | undefined, binary: boolean): void {
    this.events = undefined;
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (finalData !== undefined) this.socket.send(finalData, { binary, compress: false });
    this.socket.close(closeNormal);
    // A client that never answers the close handshake must not hold the socket forever.
    setTimeout(() => this.socket.terminate(), closeTimeoutMs).unref();
  }

  abort(): void {
    this.events = undefined;
    this.socket.terminate();
  }

  // Node reports success as `null` (not undefined) to write callbacks.
  private readonly afterWrite = (error?: Error | null): void => {
    if ((error !== undefined && error !== null) || !this.waitingForDrain) return;
    if (this.socket.bufferedAmount < this.highWaterMarkBytes) {
      this.waitingForDrain = false;
      this.events?.writable();
    }
  };
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
