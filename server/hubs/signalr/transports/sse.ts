// Server-Sent Events transport (server -> client); the client sends with POSTs. Text only.
import type { Response } from 'express';
import type { Transport, TransportEvents } from './transport';

/** One unnamed event per write; a payload containing newlines becomes one `data:` line per line. */
export function formatEvent(data: Buffer): string {
  const text = data.toString('utf8');
  if (!text.includes('\n')) return `data: ${text}\r\n\r\n`;
  return (
    text
      .split('\n')
      .map((line) => `data: ${line.endsWith('\r') ? line.slice(0, -1) : line}`)
      .join('\r\n') + '\r\n\r\n'
  );
}

export class ServerSentEventsTransport implements Transport {
  readonly kind = 'ServerSentEvents';
  private events: TransportEvents | undefined;

  constructor(
    private readonly response: Response,
    events: TransportEvents,
  ) {
    this.events = events;
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream');
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('Content-Encoding', 'identity');
    response.setHeader('X-Accel-Buffering', 'no');
    response.socket?.setNoDelay(true);
    // Firefox delays `open` until the first bytes arrive, so .NET writes a comment first.
    response.write(':\r\n');
    response.on('drain', () => this.events?.writable());
    response.on('close', () => {
      const current = this.events;
      this.events = undefined;
      current?.closed();
    });
  }

  canWrite(): boolean {
    return !this.response.writableEnded && !this.response.writableNeedDrain;
  }

  bufferedBytes(): number {
    return this.response.writableLength;
  }

  write(data: Buffer): void {
    if (!this.response.writableEnded) this.response.write(formatEvent(data));
  }

  end(finalData: Buffer | undefined): void {
    this.events = undefined;
    if (this.response.writableEnded) return;
    if (finalData !== undefined) this.response.write(formatEvent(finalData));
    this.response.end();
  }

  abort(): void {
    this.events = undefined;
    this.response.destroy();
  }
}
