import { describe, expect, it } from 'vitest';
import { ProbeHistory } from './probe-history';

describe('ProbeHistory', () => {
  it('aligns series on a shared time axis, with gaps for keys added later', () => {
    const history = new ProbeHistory(10);
    history.push(1000, ['a'], new Float64Array([1]));
    history.push(1100, ['a', 'b'], new Float64Array([2, 20]));
    expect(history.snapshot(['a', 'b'])).toEqual([
      [1, 1.1],
      [1, 2],
      [null, 20],
    ]);
  });

  it('keeps at most its capacity, dropping the oldest points', () => {
    const history = new ProbeHistory(3);
    for (let tick = 0; tick < 5; tick += 1) history.push(tick * 100, ['a'], new Float64Array([tick]));
    expect(history.snapshot(['a'])).toEqual([
      [0.2, 0.3, 0.4],
      [2, 3, 4],
    ]);
  });

  it('overwrites a repeated time', () => {
    const history = new ProbeHistory(10);
    history.push(1000, ['a'], new Float64Array([1]));
    history.push(1000, ['a'], new Float64Array([2]));
    expect(history.snapshot(['a'])).toEqual([[1], [2]]);
    expect(history.latest('a')).toBe(2);
  });

  it('starts over when time goes back (a new pass over the data, or a new run)', () => {
    const history = new ProbeHistory(10);
    history.push(1000, ['a'], new Float64Array([1]));
    history.push(1100, ['a'], new Float64Array([2]));
    history.push(900, ['a'], new Float64Array([3]));
    expect(history.snapshot(['a'])).toEqual([[0.9], [3]]);
  });
});

describe('ProbeHistory windows', () => {
  it('keeps the last span of bar time, whatever the points arrived at', () => {
    const history = new ProbeHistory(10);
    // A replay: one-minute bars arriving every 100 ms.
    history.push(60_000, ['a'], new Float64Array([1]), 1000);
    history.push(120_000, ['a'], new Float64Array([2]), 1100);
    history.push(180_000, ['a'], new Float64Array([3]), 1200);
    // The last minute of bar time: the newest bar and the one a minute before it.
    expect(history.snapshot(['a'], 60_000)).toEqual([
      [120, 180],
      [2, 3],
    ]);
    expect(history.snapshot(['a'], 0)).toEqual([[180], [3]]);
    expect(history.snapshot(['a'])).toEqual([
      [60, 120, 180],
      [1, 2, 3],
    ]);
  });
});

describe('ProbeHistory bar windows', () => {
  it('keeps the last N bars, reading the bar interval from the times', () => {
    const history = new ProbeHistory(100);
    // Five-minute bars, with one wake-up tick 100 ms after the second bar.
    for (const timeMs of [300_000, 600_000, 600_100, 900_000, 1_200_000, 1_500_000])
      history.push(timeMs, ['a'], new Float64Array([timeMs / 1000]));
    expect(history.barIntervalMs()).toBe(300_000);
    expect(history.snapshotBars(['a'], 3)).toEqual([
      [900, 1200, 1500],
      [900, 1200, 1500],
    ]);
    expect(new ProbeHistory().barIntervalMs()).toBeNaN();
  });
});

describe('ProbeHistory filled from the server', () => {
  it('puts the kept points older than the first frame in front, nulls as gaps', () => {
    const history = new ProbeHistory(10);
    history.push(3_000, ['a.out'], new Float64Array([30]));
    history.push(4_000, ['a.out'], new Float64Array([40]));
    history.fill(
      [1_000, 2_000, 3_000],
      ['a.out', 'b.out'],
      [
        [10, null, 99],
        [1, 2, 3],
      ],
    );
    expect(history.snapshot(['a.out', 'b.out'])).toEqual([
      [1, 2, 3, 4],
      [10, null, 30, 40],
      [1, 2, null, null],
    ]);
  });

  it('fills an empty history, bounded by its capacity', () => {
    const history = new ProbeHistory(2);
    history.fill([1_000, 2_000, 3_000], ['a.out'], [[1, 2, 3]]);
    expect(history.snapshot(['a.out'])).toEqual([
      [2, 3],
      [2, 3],
    ]);
    const before = history.version;
    history.fill([5_000], ['a.out'], [[5]]);
    expect(history.version).toBe(before);
  });
});
