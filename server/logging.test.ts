import { describe, expect, it } from 'vitest';
import type { LogRecord } from '@patchdesk/modules/contracts/hubs';
import { createLogging, formatForTerminal, LogRing, parsePinoLine } from './logging';

describe('createLogging', () => {
  it('feeds the ring with structured records, run and fields kept apart', () => {
    const { logger, ring } = createLogging({ console: 'off' });
    logger.child({ run: 'ema-cross' }).warn({ moduleId: 'rsi', tick: 12 }, 'module threw');
    logger.debug('below the level');
    const records = ring.recent();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      level: 'warn',
      message: 'module threw',
      run: 'ema-cross',
      fields: { moduleId: 'rsi', tick: 12 },
    });
    expect(records[0].timeMs).toBeGreaterThan(0);
  });

  it('tells live listeners about each record until they unsubscribe', () => {
    const { logger, ring } = createLogging({ console: 'off' });
    const seen: string[] = [];
    const unsubscribe = ring.subscribe((record) => seen.push(record.message));
    logger.info('one');
    unsubscribe();
    logger.info('two');
    expect(seen).toEqual(['one']);
  });
});

describe('LogRing', () => {
  it('keeps only the newest records up to its capacity', () => {
    const ring = new LogRing(3);
    for (let i = 0; i < 5; i++) ring.push(record(`m${i}`));
    expect(ring.recent().map((r) => r.message)).toEqual(['m2', 'm3', 'm4']);
  });
});

describe('parsePinoLine and formatForTerminal', () => {
  it('ignores lines that are not JSON objects', () => {
    expect(parsePinoLine('not json')).toBeNull();
    expect(parsePinoLine('42')).toBeNull();
  });

  it('renders a compact line with level, run and fields', () => {
    const line = formatForTerminal({ ...record('started'), run: 'demo', fields: { port: 8080 } });
    expect(line).toBe('00:00:01 INFO  [demo] started port=8080\n');
  });
});

function record(message: string): LogRecord {
  return { timeMs: 1000, level: 'info', message, run: null, fields: {} };
}
