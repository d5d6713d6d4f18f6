import { describe, expect, it } from 'vitest';
import { OutboundQueue } from './outbound-queue';

const bytes = (text: string) => Buffer.from(text);
const texts = (chunks: Buffer[]) => chunks.map((chunk) => chunk.toString());

describe('OutboundQueue', () => {
  it('refuses past its bound unless forced', () => {
    const queue = new OutboundQueue(2);
    expect(queue.push(bytes('a'), true)).toBe(true);
    expect(queue.push(bytes('b'), true)).toBe(true);
    expect(queue.push(bytes('c'), true)).toBe(false);
    expect(queue.push(bytes('close'), false, undefined, true)).toBe(true);
    expect(texts(queue.takeAll().chunks)).toEqual(['a', 'b', 'close']);
  });

  it('replaces an unsent item with the same key in place, and forgets the key once sent', () => {
    const queue = new OutboundQueue(10);
    queue.push(bytes('f1'), true, 'frames');
    queue.push(bytes('log'), true);
    queue.push(bytes('f2-longer'), true, 'frames');
    expect(queue.length).toBe(2);
    expect(queue.byteLength).toBe('f2-longer'.length + 3);
    expect(texts(queue.take(1 << 20).chunks)).toEqual(['f2-longer', 'log']);
    queue.push(bytes('f3'), true, 'frames');
    queue.push(bytes('f4'), true, 'frames');
    expect(texts(queue.takeAll().chunks)).toEqual(['f4']);
    expect(queue.byteLength).toBe(0);
  });

  it('takes batches of about the requested size, always at least one message', () => {
    const queue = new OutboundQueue(10);
    for (const text of ['aaaa', 'bbbb', 'cccc', 'dddddddddd']) queue.push(bytes(text), false);
    const first = queue.take(8);
    expect(texts(first.chunks)).toEqual(['aaaa', 'bbbb']);
    expect(first.trackable).toEqual([false, false]);
    expect(texts(queue.take(3).chunks)).toEqual(['cccc']);
    expect(texts(queue.take(3).chunks)).toEqual(['dddddddddd']);
    expect(queue.length).toBe(0);
  });

  it('keeps coalescing correct across compaction of a long-lived queue', () => {
    const queue = new OutboundQueue(5_000);
    for (let index = 0; index < 2_000; index++)
      queue.push(bytes(`m${String(index).padStart(4, '0')}`), false);
    queue.push(bytes('k1'), false, 'key');
    for (let index = 0; index < 10; index++) queue.push(bytes(`tail${index}`), false);
    expect(queue.take(1_100 * 5).chunks).toHaveLength(1_100); // past the compaction threshold
    queue.push(bytes('k2'), false, 'key');
    const rest = texts(queue.takeAll().chunks);
    expect(rest).toHaveLength(911);
    expect(rest[900]).toBe('k2'); // replaced in place, not appended
    expect(rest).not.toContain('k1');
  });
});
