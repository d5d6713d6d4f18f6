import { describe, expect, it } from 'vitest';
import { pushStream } from './push-stream';
import type { StreamSink } from './push-stream';

describe('pushStream', () => {
  it('yields pushed items in order and ends on end()', async () => {
    const controller = new AbortController();
    const stream = pushStream<number>({ signal: controller.signal, capacity: 10 }, (sink) => {
      sink.push(1);
      sink.push(2);
      setTimeout(() => {
        sink.push(3);
        sink.end();
      }, 5);
    });
    const seen: number[] = [];
    for await (const item of stream) seen.push(item);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('drops the oldest items beyond its capacity', async () => {
    const controller = new AbortController();
    const stream = pushStream<number>({ signal: controller.signal, capacity: 1 }, (sink) => {
      for (let i = 0; i < 5; i++) sink.push(i);
      sink.end();
    });
    const seen: number[] = [];
    for await (const item of stream) seen.push(item);
    expect(seen).toEqual([4]);
  });

  it('ends when the signal aborts and runs the cleanup once', async () => {
    const controller = new AbortController();
    let cleanups = 0;
    let sink: StreamSink<string> | null = null;
    const stream = pushStream<string>({ signal: controller.signal, capacity: 4 }, (s) => {
      sink = s;
      return () => cleanups++;
    });
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next();
    sink!.push('a');
    expect(await first).toEqual({ value: 'a', done: false });
    const second = iterator.next();
    controller.abort();
    expect(await second).toEqual({ value: undefined, done: true });
    expect(cleanups).toBe(1);
  });

  it('runs the cleanup when the consumer stops early and rethrows an end error', async () => {
    const controller = new AbortController();
    let cleanups = 0;
    const stream = pushStream<number>({ signal: controller.signal, capacity: 4 }, (sink) => {
      sink.push(1);
      sink.push(2);
      return () => cleanups++;
    });
    for await (const item of stream) if (item === 1) break;
    expect(cleanups).toBe(1);
    const failing = pushStream<number>({ signal: controller.signal, capacity: 4 }, (sink) =>
      sink.end(new Error('patch "x" was deleted')),
    );
    await expect(failing.next()).rejects.toThrow('patch "x" was deleted');
  });
});
