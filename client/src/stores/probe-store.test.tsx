// @vitest-environment jsdom
import { act, render } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProbeBadge } from '../components/ProbeBadge';
import { useProbeStore } from './probe-store';

const keys = ['ema.out', 'rsi.out', 'bars.close'];

describe('probe store', () => {
  afterEach(() => useProbeStore.getState().clearValues());

  it('reports and stores only the keys whose value changed', () => {
    const store = useProbeStore.getState;
    expect(store().applyFrame(keys, 1000, new Float64Array([1, 2, 3]))).toEqual(keys);
    const first = store().values;
    expect(store().applyFrame(keys, 1100, new Float64Array([1, 5, 3]))).toEqual(['rsi.out']);
    expect(store().values).toEqual({ 'ema.out': 1, 'rsi.out': 5, 'bars.close': 3 });
    expect(store().values).not.toBe(first);
    const second = store().values;
    expect(store().applyFrame(keys, 1200, new Float64Array([1, 5, 3]))).toEqual([]);
    expect(store().values).toBe(second);
    expect(store().lastFrameAtMs).toBe(1200);
  });

  it('treats NaN followed by NaN as unchanged', () => {
    const store = useProbeStore.getState;
    store().applyFrame(['a.out'], 1, new Float64Array([Number.NaN]));
    expect(store().applyFrame(['a.out'], 2, new Float64Array([Number.NaN]))).toEqual([]);
  });

  it('re-renders only the badges whose value changed', () => {
    const renders: Record<string, number> = {};
    const counted = (key: string) => (
      <Profiler id={key} key={key} onRender={() => (renders[key] = (renders[key] ?? 0) + 1)}>
        <ProbeBadge probeKey={key} />
      </Profiler>
    );
    const { container } = render(<div>{keys.map(counted)}</div>);
    act(() => void useProbeStore.getState().applyFrame(keys, 1000, new Float64Array([100.5, 50, 61000])));
    const afterFirst = { ...renders };
    act(() => void useProbeStore.getState().applyFrame(keys, 1100, new Float64Array([100.5, 51.25, 61000])));
    expect(renders['rsi.out']).toBe(afterFirst['rsi.out'] + 1);
    expect(renders['ema.out']).toBe(afterFirst['ema.out']);
    expect(renders['bars.close']).toBe(afterFirst['bars.close']);
    expect(container.querySelector('[data-probe="rsi.out"]')?.textContent).toBe('51.25');
    expect(container.querySelector('[data-probe="bars.close"]')?.textContent).toBe('61000');
  });

  it('toggles probes on and off in order', () => {
    const store = useProbeStore.getState;
    store().setProbes(['a.out']);
    store().toggleProbe('b.out');
    expect(store().probes).toEqual(['a.out', 'b.out']);
    store().toggleProbe('a.out');
    expect(store().probes).toEqual(['b.out']);
  });
});
