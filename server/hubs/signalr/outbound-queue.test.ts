import { describe, expect, it } from 'vitest';
import { MessageSpan } from './message-span';
import { OutboundQueue } from './outbound-queue';
import { StatefulBuffer } from './stateful-buffer';

const bytes = (text: string) => MessageSpan.of(Buffer.from(text));
const texts = (chunks: Buffer[]) => chunks.map((chunk) => chunk.toString());

/** Every message still queued, one frame at a time, as text. */
function drain(queue: OutboundQueue, bytesMax: number): string[] {
  const frames: string[] = [];
  while (queue.length > 0) frames.push(queue.takeFrame(bytesMax, undefined).toString());
  return frames;
}

describe('OutboundQueue', () => {
  it('refuses past its bound unless forced', () => {
    const queue = new OutboundQueue(2);
    expect(queue.push(bytes('a'), true)).toBe(true);
    expect(queue.push(bytes('b'), true)).toBe(true);
    expect(queue.push(bytes('c'), true)).toBe(false);
    expect(queue.push(bytes('close'), false, undefined, true)).toBe(true);
    expect(texts(queue.takeAll())).toEqual(['a', 'b', 'close']);
  });

  it('replaces an unsent item with the same key in place, and forgets the key once sent', () => {
    const queue = new OutboundQueue(10);
    queue.push(bytes('f1'), true, 'frames');
    queue.push(bytes('log'), true);
    queue.push(bytes('f2-longer'), true, 'frames');
    expect(queue.length).toBe(2);
    expect(queue.byteLength).toBe('f2-longer'.length + 3);
    expect(queue.takeFrame(1 << 20, undefined).toString()).toBe('f2-longerlog');
    queue.push(bytes('f3'), true, 'frames');
    queue.push(bytes('f4'), true, 'frames');
    expect(texts(queue.takeAll())).toEqual(['f4']);
    expect(queue.byteLength).toBe(0);
  });

  it('takes frames of about the requested size, always at least one message', () => {
    const queue = new OutboundQueue(10);
    for (const text of ['aaaa', 'bbbb', 'cccc', 'dddddddddd']) queue.push(bytes(text), false);
    expect(drain(queue, 8)).toEqual(['aaaabbbb', 'cccc', 'dddddddddd']);
    expect(queue.length).toBe(0);
    expect(queue.byteLength).toBe(0);
  });

  it('hands the trackable messages of a frame to the sent log, in order', () => {
    const queue = new OutboundQueue(10);
    const sent = new StatefulBuffer(1_000);
    queue.push(bytes('ping'), false);
    queue.push(bytes('one'), true);
    queue.push(bytes('two'), true);
    queue.push(bytes('three'), true);
    expect(queue.takeFrame(10, sent).toString()).toBe('pingonetwo');
    expect(queue.takeFrame(10, sent).toString()).toBe('three');
    expect(texts(sent.replay().chunks)).toEqual(['one', 'two', 'three']);
    expect(sent.replay().sequenceId).toBe(1);
  });

  it('sends a run of side-by-side messages as a view of their memory, copying only when they are apart', () => {
    const slab = Buffer.from('aaabbbcccXddd');
    const queue = new OutboundQueue(10);
    for (const [start, end] of [
      [0, 3],
      [3, 6],
      [6, 9],
      [10, 13],
    ])
      queue.push(new MessageSpan(slab, start, end), false);
    const adjacent = queue.takeFrame(9, undefined);
    expect(adjacent.toString()).toBe('aaabbbccc');
    expect(adjacent.buffer).toBe(slab.buffer);
    expect(adjacent.byteOffset).toBe(slab.byteOffset);
    const other = Buffer.from('fffggg');
    queue.push(bytes('eee'), false);
    queue.push(new MessageSpan(other, 0, 3), false);
    queue.push(new MessageSpan(other, 3, 6), false);
    queue.push(new MessageSpan(slab, 0, 3), false); // side by side in memory, but not next in line
    const apart = queue.takeFrame(100, undefined);
    expect(apart.toString()).toBe('dddeeefffgggaaa');
    slab.write('Z', 10);
    other.write('Z', 4);
    expect(apart.toString()).toBe('dddeeefffgggaaa'); // copied
  });

  it('keeps order and coalescing right while its ring wraps and grows', () => {
    const queue = new OutboundQueue(5_000);
    const expected: string[] = [];
    let next = 0;
    // Push more than is taken each round, so the ring wraps with items queued and then grows.
    for (let round = 0; round < 200; round++) {
      for (let count = 0; count < 7; count++) {
        const text = `m${next++}`;
        queue.push(bytes(text), false);
        expected.push(text);
      }
      queue.push(bytes(`k${round}`), false, 'key');
      const keyAt = expected.findIndex((text) => text.startsWith('k'));
      if (keyAt >= 0) expected[keyAt] = `k${round}`;
      else expected.push(`k${round}`);
      for (let count = 0; count < 5; count++) {
        const frame = queue.takeFrame(1, undefined).toString();
        expect(frame).toBe(expected.shift());
      }
    }
    expect(texts(queue.takeAll())).toEqual(expected);
    expect(queue.byteLength).toBe(0);
  });
});
