// A connection's output: the bounded queue, the stateful-reconnect record of what was sent,
// and batching into one transport write per flush.
import { OutboundQueue } from './outbound-queue';
import type { StatefulBuffer } from './stateful-buffer';
import type { Transport } from './transports/transport';

export class Outbox {
  readonly queue: OutboundQueue;
  transport: Transport | undefined;
  binary = false;
  stateful: StatefulBuffer | undefined;
  lastWriteAtMs: number;
  private roomWaiters: (() => void)[] = [];

  constructor(
    queueMessagesMax: number,
    private readonly frameBytesMax: number,
    nowMs: number,
  ) {
    this.queue = new OutboundQueue(queueMessagesMax);
    this.lastWriteAtMs = nowMs;
  }

  /** Writes as much queued output as the transport (and the stateful buffer) will take now. */
  flush(nowMs: number): void {
    const transport = this.transport;
    if (transport === undefined) return;
    while (this.queue.length > 0 && transport.canWrite()) {
      if (this.stateful !== undefined && !this.stateful.hasRoom()) break;
      transport.write(this.queue.takeFrame(this.frameBytesMax, this.stateful), this.binary);
      this.lastWriteAtMs = nowMs;
    }
    this.wakeRoomWaiters();
  }

  /** Writes bytes ahead of the queue (handshake answer, Sequence and replay after a reattach). */
  writeNow(data: Buffer, nowMs: number): void {
    this.transport?.write(data, this.binary);
    this.lastWriteAtMs = nowMs;
  }

  /** Resolves once the queue is at most half full, so a non-coalescing stream can pace itself. */
  waitForRoom(): Promise<void> {
    if (this.hasRoom()) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Releases every waiter (the connection is closing). */
  releaseWaiters(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const wake of waiters) wake();
  }

  hasRoom(): boolean {
    return this.queue.length * 2 < this.queue.messagesMax;
  }

  private wakeRoomWaiters(): void {
    if (this.roomWaiters.length > 0 && this.hasRoom()) this.releaseWaiters();
  }
}
