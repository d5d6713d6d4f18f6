import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('KeyedMutex', () => {
  it('runs work on one key one at a time, in arrival order, even when some fails', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const job = (label: string, fail = false) =>
      mutex.run(['k'], async () => {
        log.push(`start ${label}`);
        await tick();
        log.push(`end ${label}`);
        if (fail) throw new Error(label);
        return label;
      });
    const results = await Promise.allSettled([job('a'), job('b', true), job('c')]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('lets different keys overlap and takes several keys without deadlock', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const job = (keys: string[], label: string) =>
      mutex.run(keys, async () => {
        log.push(`start ${label}`);
        await tick();
        log.push(`end ${label}`);
      });
    await Promise.all([job(['x'], 'x'), job(['y'], 'y')]);
    expect(log.slice(0, 2)).toEqual(['start x', 'start y']);
    log.length = 0;
    await Promise.all([job(['p', 'q'], 'pq'), job(['q', 'p'], 'qp')]);
    expect(log).toEqual(['start pq', 'end pq', 'start qp', 'end qp']);
  });
});
