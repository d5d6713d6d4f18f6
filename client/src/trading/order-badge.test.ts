import { describe, expect, it } from 'vitest';
import { order } from '../test-support/trading-fixtures';
import { tagOwner, workingOrderCount } from './order-badge';

describe('order badge', () => {
  it('reads the module out of an order tag, exits included', () => {
    expect(tagOwner('orders/bracket')).toBe('orders/bracket');
    expect(tagOwner('orders/bracket stop-loss')).toBe('orders/bracket');
    expect(tagOwner('orders/bracket take-profit')).toBe('orders/bracket');
    expect(tagOwner('manual')).toBe('manual');
  });

  it('counts the working orders of a module by its type or its id', () => {
    const orders = [
      order('a', { tag: 'orders/bracket', status: 'filled' }),
      order('aS', { tag: 'orders/bracket stop-loss', status: 'open' }),
      order('aT', { tag: 'orders/bracket take-profit', status: 'triggered' }),
      order('b', { tag: 'orders/limit', status: 'partiallyFilled' }),
      order('c', { tag: 'entry', status: 'pending' }),
      order('k', { tag: 'kill switch', status: 'open' }),
      order('x', { tag: 'orders/bracket', status: 'canceled' }),
    ];
    expect(workingOrderCount(orders, 'entry', 'orders/bracket')).toBe(3);
    expect(workingOrderCount(orders, 'quote', 'orders/limit')).toBe(1);
    expect(workingOrderCount(orders, 'tp', 'orders/take-profit')).toBe(0);
    expect(workingOrderCount(undefined, 'entry', 'orders/bracket')).toBe(0);
  });
});
