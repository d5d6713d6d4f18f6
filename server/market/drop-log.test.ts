import { describe, expect, it } from 'vitest';
import { DropLog } from './drop-log';

describe('DropLog', () => {
  it('logs the first drop at once, then one line per interval with the count since', () => {
    const lines: { fields: Record<string, unknown>; message: string }[] = [];
    let nowMs = 0;
    const log = new DropLog({
      logger: {
        warn: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }),
      } as never,
      intervalMs: 1_000,
      now: () => nowMs,
    });
    log.drop('okx trade', 'price: must be above zero');
    for (let i = 0; i < 500; i++) log.drop('okx trade', 'price: must be above zero');
    nowMs = 999;
    log.drop('okx trade', 'x');
    expect(lines).toHaveLength(1);
    nowMs = 1_000;
    log.drop('okx trade', 'amount: must not be negative');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toEqual({
      fields: { key: 'okx trade', dropped: 502, total: 503 },
      message: 'dropped input: amount: must not be negative',
    });
    expect(log.total('okx trade')).toBe(503);
  });
});
