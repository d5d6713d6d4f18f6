import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMetric, metricInfos } from './metric-info';

describe('metricInfos', () => {
  it('covers every metric the server computes, each once, each defined in the README', () => {
    const readme = readFileSync(new URL('../../../server/backtest/README.md', import.meta.url), 'utf8');
    const serverNames = [...readme.matchAll(/^\| `(\w+)`(?:, `(\w+)`)?\s/gm)]
      .flatMap((m) => [m[1], m[2]])
      .filter(Boolean);
    const names = metricInfos.map((metric) => metric.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...new Set(serverNames)].sort());
    for (const metric of metricInfos) expect(metric.definition.length).toBeGreaterThan(10);
  });
});

describe('formatMetric', () => {
  it('writes each kind of metric as a quant reads it', () => {
    expect(formatMetric('totalReturn', 0.12345)).toBe('12.35 %');
    expect(formatMetric('sharpe', 1.234)).toBe('1.23');
    expect(formatMetric('fees', 1234.5)).toBe('1,234.50');
    expect(formatMetric('trades', 1200)).toBe('1,200');
    expect(formatMetric('maxDrawdownDurationMs', 26 * 3_600_000)).toBe('1 d 2 h');
    expect(formatMetric('profitFactor', Number.POSITIVE_INFINITY)).toBe('∞');
  });

  it('shows a metric undefined for the data as a dash', () => {
    expect(formatMetric('profitFactor', null)).toBe('—');
    expect(formatMetric('sharpe', Number.NaN)).toBe('—');
  });
});
