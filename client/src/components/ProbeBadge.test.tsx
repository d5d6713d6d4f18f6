// @vitest-environment jsdom
// A probe badge says when it has no data yet, then shows the value in its port type's format.
import { act, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useProbeStore } from '../stores/probe-store';
import { ProbeBadge } from './ProbeBadge';

describe('ProbeBadge', () => {
  afterEach(() => useProbeStore.getState().clearValues());

  it('says "no data yet" until the first value, then shows it', () => {
    const { container } = render(<ProbeBadge probeKey="rsi.out" portType="number" emptyText="no data yet" />);
    const badge = container.querySelector('.probe-badge')!;
    expect(badge.textContent).toBe('no data yet');
    expect(badge.classList.contains('probe-badge--empty')).toBe(true);
    expect(badge.getAttribute('title')).toContain('no value yet');
    act(() => void useProbeStore.getState().applyFrame(['rsi.out'], 1000, new Float64Array([61.5])));
    expect(badge.textContent).not.toBe('no data yet');
    expect(Number(badge.textContent)).toBeCloseTo(61.5);
    expect(badge.classList.contains('probe-badge--empty')).toBe(false);
  });

  it('keeps the short mark on the canvas, where there is no room for words', () => {
    const { container } = render(<ProbeBadge probeKey="ema.out" />);
    expect(container.querySelector('[data-probe="ema.out"]')!.textContent).toBe('…');
  });
});
