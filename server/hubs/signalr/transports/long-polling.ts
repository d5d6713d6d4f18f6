// Long polling transport (server -> client): each GET is held until output exists, then answered
// with everything queued; the client sends with POSTs and stops with DELETE.
import type { Response } from 'express';
import type { Transport, TransportEvents } from './transport';

function respond(response: Response, status: number, data?: Buffer): void {
  if (response.writableEnded || response.destroyed) return;
  response.status(status);
  response.setHeader('Cache-Control', 'no-cache, no-store');
  response.setHeader('Pragma', 'no-cache');
  response.setHeader('Expires', 'Thu, 01 Jan 1970 00:00:00 GMT');
  if (data === undefined || data.length === 0) {
    response.setHeader('Content-Length', '0');
    response.end();
    return;
  }
  response.setHeader('Content-Type', 'application/octet-stream');
  response.setHeader('Content-Length', String(data.length));
  response.end(data);
}

/** Answers the very first poll at once: the client waits for it before sending the handshake. */
export function answerFirstPoll(response: Response): void {
  respond(response, 200);
}

export class LongPollingTransport implements Transport {
  readonly kind = 'LongPolling';
  private events: TransportEvents | undefined;
  private held: Response | undefined;
  private heldSinceMs = 0;
  private idleSinceMs: number;
  private ended = false;
  private finalData: Buffer | undefined;

  constructor(events: TransportEvents, nowMs: number) {
    this.events = events;
    this.idleSinceMs = nowMs;
  }

  /** A GET: replaces any older held poll (answered 204) and takes queued output, if any. */
  poll(response: Response, nowMs: number): void {
    if (this.ended) {
      const data = this.finalData;
      this.finalData = undefined;
      respond(response, data === undefined ? 204 : 200, data);
      return;
    }
    if (this.held !== undefined) respond(this.held, 204);
    this.held = response;
    this.heldSinceMs = nowMs;
    response.on('close', () => {
      if (this.held !== response) return;
      this.held = undefined;
      this.idleSinceMs = Date.now();
    });
    this.events?.writable();
  }

  canWrite(): boolean {
    return this.held !== undefined && !this.ended;
  }

  bufferedBytes(): number {
    return this.finalData?.length ?? 0;
  }

  write(data: Buffer): void {
    const response = this.held;
    if (response === undefined) return;
    this.held = undefined;
    this.idleSinceMs = Date.now();
    respond(response, 200, data);
  }

  end(finalData: Buffer | undefined): void {
    this.events = undefined;
    this.ended = true;
    const response = this.held;
    this.held = undefined;
    if (response !== undefined) respond(response, finalData === undefined ? 204 : 200, finalData);
    else this.finalData = finalData;
  }

  abort(): void {
    this.end(undefined);
    this.finalData = undefined;
  }

  /** True while output waits for a poll after the connection ended. */
  hasUndeliveredData(): boolean {
    return this.finalData !== undefined;
  }

  /**
   * Answers a poll held past `pollTimeoutMs` with an empty 200 (the client polls again) and
   * reports whether the client has gone: no poll for `disconnectTimeoutMs`.
   */
  sweep(nowMs: number, pollTimeoutMs: number, disconnectTimeoutMs: number): boolean {
    if (this.held !== undefined) {
      if (nowMs - this.heldSinceMs >= pollTimeoutMs) this.write(Buffer.alloc(0));
      return false;
    }
    return nowMs - this.idleSinceMs >= disconnectTimeoutMs;
  }
}
