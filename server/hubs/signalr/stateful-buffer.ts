// Stateful reconnect bookkeeping (Ack/Sequence): numbers the trackable messages in both
// directions, keeps sent ones until the client acks them, and drops replayed duplicates.

import type { MessageSpan } from './message-span';

export class StatefulBuffer {
  /** Sent, unacked messages from `sentHead` on, holding the writer's bytes (no copies). */
  private sent: MessageSpan[] = [];
  private sentHead = 0;
  /** The sequence id of `sent[sentHead]`; ids are consecutive, so no id is stored per message. */
  private firstUnackedId = 1;
  private bufferedBytes = 0;

  private nextReceiveId = 1;
  private lastReceivedId = 0;
  private lastAckedReceivedId = 0;
  private awaitingSequence = false;

  constructor(private readonly bytesMax: number) {}

  /** Whether more trackable output may be written before the client acks some. */
  hasRoom(): boolean {
    return this.bufferedBytes < this.bytesMax;
  }

  get unackedBytes(): number {
    return this.bufferedBytes;
  }

  /** Records one trackable message as written, giving it the next sequence id. */
  recordSent(message: MessageSpan): void {
    this.sent.push(message);
    this.bufferedBytes += message.length;
  }

  /** The client has processed everything up to `sequenceId`. */
  acknowledge(sequenceId: number): void {
    while (this.sentHead < this.sent.length && this.firstUnackedId <= sequenceId) {
      this.bufferedBytes -= this.sent[this.sentHead].length;
      this.sentHead++;
      this.firstUnackedId++;
    }
    if (this.sentHead === this.sent.length) {
      this.sent = [];
      this.sentHead = 0;
    } else if (this.sentHead >= 1024) {
      this.sent = this.sent.slice(this.sentHead);
      this.sentHead = 0;
    }
  }

  /** What to send on a new socket: Sequence{sequenceId}, then the unacked messages in order. */
  replay(): { sequenceId: number; chunks: Buffer[] } {
    const chunks: Buffer[] = [];
    for (let index = this.sentHead; index < this.sent.length; index++)
      chunks.push(this.sent[index].toBuffer());
    return { sequenceId: this.firstUnackedId, chunks };
  }

  /** The old socket is gone: ignore input until the client's Sequence arrives. */
  detached(): void {
    this.awaitingSequence = true;
    // Whatever we acked may have been lost with the socket: ack again after the reattach.
    this.lastAckedReceivedId = 0;
  }

  /**
   * Decides whether an inbound message is processed. Non-trackable messages pass (except while
   * waiting for Sequence); trackable ones pass once, duplicates from a replay are dropped.
   */
  acceptInbound(trackable: boolean, isSequence: boolean): boolean {
    if (this.awaitingSequence) return isSequence;
    if (!trackable) return true;
    const id = this.nextReceiveId++;
    if (id <= this.lastReceivedId) return false;
    this.lastReceivedId = id;
    return true;
  }

  /** The client's Sequence: its next message carries `sequenceId`. False if it skipped ahead (lost data). */
  resetInbound(sequenceId: number): boolean {
    this.awaitingSequence = false;
    if (sequenceId > this.lastReceivedId + 1) return false;
    this.nextReceiveId = sequenceId;
    return true;
  }

  /** The id to Ack, or undefined when nothing new arrived since the last Ack. */
  takeAck(): number | undefined {
    if (this.lastReceivedId === this.lastAckedReceivedId) return undefined;
    this.lastAckedReceivedId = this.lastReceivedId;
    return this.lastReceivedId;
  }
}
