import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { parsePatch } from '@patchdesk/modules/patch/schema';
import { bundledPaths } from './paths';
import { formatTickerLine, tickerPorts } from './terminal-ticker';

describe('tickerPorts', () => {
  it('shows close, the indicators and the signals of the demo patch', () => {
    const parsed = parsePatch(
      JSON.parse(readFileSync(`${bundledPaths.examplePatches}/ema-cross-rsi.json`, 'utf8')),
    );
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
    const ports = tickerPorts(parsed.patch, createBuiltinRegistry());
    expect(ports.map((port) => port.label)).toEqual([
      'close',
      'ema-fast',
      'ema-slow',
      'rsi',
      'short',
      'broker.sent',
    ]);
    expect(ports[0].key).toBe('bars.close');
  });
});

describe('formatTickerLine', () => {
  it('prints time and labelled values, a dash for NaN', () => {
    const ports = [
      { label: 'close', key: 'bars.close' },
      { label: 'rsi', key: 'rsi.out' },
      { label: 'long', key: 'long.out' },
      { label: 'ema', key: 'ema.out' },
    ];
    expect(formatTickerLine(Date.UTC(2024, 0, 1, 12, 0, 5), ports, [43125.52, 55.2123, 1, Number.NaN])).toBe(
      '2024-01-01 12:00:05  close 43125.5  rsi 55.21  long 1  ema -',
    );
  });
});
