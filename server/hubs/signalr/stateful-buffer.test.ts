import { describe, expect, it } from 'vitest';
import { MessageSpan } from './message-span';
import { StatefulBuffer } from './stateful-buffer';

const chunk = (text: string) => MessageSpan.of(Buffer.from(text));

describe('StatefulBuffer', () => {
  it('keeps sent messages until acked and replays the rest from the first unacked id', () => {
    const buffer = new StatefulBuffer(1_000);
    for (const text of ['one', 'two', 'three']) buffer.recordSent(chunk(text));
    expect(buffer.unackedBytes).toBe(11);
    buffer.acknowledge(1);
    const replay = buffer.replay();
    expect(replay.sequenceId).toBe(2);
    expect(replay.chunks.map(String)).toEqual(['two', 'three']);
    buffer.acknowledge(3);
    expect(buffer.replay()).toEqual({ sequenceId: 4, chunks: [] });
  });

  it('has no room once the unacked bytes reach the limit', () => {
    const buffer = new StatefulBuffer(5);
    buffer.recordSent(chunk('1234'));
    expect(buffer.hasRoom()).toBe(true);
    buffer.recordSent(chunk('5'));
    expect(buffer.hasRoom()).toBe(false);
    buffer.acknowledge(2);
    expect(buffer.hasRoom()).toBe(true);
  });

  it('after a reattach, drops input until Sequence and then drops replayed duplicates', () => {
    const buffer = new StatefulBuffer(1_000);
    expect([1, 2, 3].map(() => buffer.acceptInbound(true, false))).toEqual([true, true, true]);
    expect(buffer.takeAck()).toBe(3);
    expect(buffer.takeAck()).toBeUndefined();
    buffer.detached();
    expect(buffer.acceptInbound(false, false)).toBe(false); // a Ping before Sequence
    expect(buffer.acceptInbound(false, true)).toBe(true); // the Sequence itself
    expect(buffer.resetInbound(2)).toBe(true); // the client replays from 2
    expect([2, 3, 4].map(() => buffer.acceptInbound(true, false))).toEqual([false, false, true]);
    expect(buffer.takeAck()).toBe(4);
  });

  it('reports a Sequence that skips messages never received', () => {
    const buffer = new StatefulBuffer(1_000);
    buffer.acceptInbound(true, false);
    buffer.detached();
    expect(buffer.resetInbound(5)).toBe(false);
  });
});
