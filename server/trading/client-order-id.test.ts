import { describe, expect, it } from 'vitest';
import {
  clientOrderIdLengthMax,
  exitClientOrderId,
  isClientOrderId,
  makeClientOrderId,
  parseClientOrderId,
} from './client-order-id';

describe('client order ids', () => {
  it('are pd + run key + X + base-36 sequence, and parse back', () => {
    expect(makeClientOrderId('r7k2', 0)).toBe('pdr7k2X0');
    // 71 = 1 x 36 + 35: "1z".
    expect(makeClientOrderId('r7k2', 71)).toBe('pdr7k2X1z');
    expect(parseClientOrderId('pdr7k2X1z')).toEqual({ runKey: 'r7k2', sequence: 71, exit: null });
    // A run key ending in x and a sequence starting with x stay apart.
    expect(parseClientOrderId(makeClientOrderId('abx', 33))).toEqual({
      runKey: 'abx',
      sequence: 33,
      exit: null,
    });
    // A bracket's exits parse back to their entry's sequence.
    expect(parseClientOrderId(exitClientOrderId('pdr7k2X1z', 'stopLoss'))).toEqual({
      runKey: 'r7k2',
      sequence: 71,
      exit: 'stopLoss',
    });
    expect(parseClientOrderId(exitClientOrderId('pdr7k2X1z', 'takeProfit'))?.exit).toBe('takeProfit');
  });

  it('fit every venue at the largest run key and sequence', () => {
    const longest = exitClientOrderId(makeClientOrderId('abcdefghijkl', Number.MAX_SAFE_INTEGER), 'stopLoss');
    expect(longest.length).toBeLessThanOrEqual(clientOrderIdLengthMax);
    expect(isClientOrderId(longest)).toBe(true);
  });

  it('refuse bad run keys and sequences, and do not parse foreign ids', () => {
    expect(() => makeClientOrderId('Run-1', 1)).toThrow(/run key/);
    expect(() => makeClientOrderId('', 1)).toThrow(/run key/);
    expect(() => makeClientOrderId('r', -1)).toThrow(/sequence/);
    expect(() => makeClientOrderId('r', 1.5)).toThrow(/sequence/);
    expect(parseClientOrderId('web_8x2k1')).toBeNull();
    expect(isClientOrderId('has-dash')).toBe(false);
  });
});
