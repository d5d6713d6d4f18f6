import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ladder, type LadderItem } from './ladder';

interface Item extends LadderItem {
  id: number;
  price: number;
}
const item = (id: number, price: number): Item => ({
  id,
  price,
  ladderPrev: null,
  ladderNext: null,
  ladderLevel: null,
});
const ids = (ladder: Ladder) => ladder.items().map((i) => (i as Item).id);

describe('Ladder', () => {
  it('bids: highest price first, then time', () => {
    const bids = new Ladder(true);
    [item(1, 100), item(2, 101), item(3, 100), item(4, 99), item(5, 101)].forEach((i) =>
      bids.add(i, i.price),
    );
    expect(ids(bids)).toEqual([2, 5, 1, 3, 4]);
    expect(bids.bestPriceTicks()).toBe(101);
  });

  it('asks: lowest price first, then time; removing empties levels', () => {
    const asks = new Ladder(false);
    const items = [item(1, 100), item(2, 101), item(3, 100)];
    items.forEach((i) => asks.add(i, i.price));
    expect(ids(asks)).toEqual([1, 3, 2]);
    asks.remove(items[0]);
    asks.remove(items[2]);
    expect(asks.bestPriceTicks()).toBe(101);
    expect((asks.best() as Item).id).toBe(2);
    asks.remove(items[1]);
    expect(asks.best()).toBeNull();
    expect(asks.bestPriceTicks()).toBeNaN();
    expect(asks.size).toBe(0);
  });

  it('matches a sort by (price priority, arrival) after any adds and removes', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { maxLength: 200 }),
        (bestIsHighest, operations) => {
          const ladder = new Ladder(bestIsHighest);
          const live: Item[] = [];
          operations.forEach(([price, removeOne], id) => {
            if (removeOne && live.length > 0) {
              const victim = live.splice(price % live.length, 1)[0];
              ladder.remove(victim);
            } else {
              const added = item(id, price);
              ladder.add(added, price);
              live.push(added);
            }
          });
          const expected = [...live]
            .sort((a, b) => (bestIsHighest ? b.price - a.price : a.price - b.price) || a.id - b.id)
            .map((i) => i.id);
          expect(ids(ladder)).toEqual(expected);
          expect(ladder.size).toBe(live.length);
        },
      ),
    );
  });
});
