// One side of a book (or one direction of triggers): price levels in priority order, each a
// FIFO queue. Prices are integer ticks. Levels are kept in a sorted array with the best level
// at the END, so taking from the best level is a pop, and a new level costs one binary search
// and one splice. Orders are linked in their level (prev/next), so a cancel is O(1) plus the
// level's removal when it empties.

export interface LadderItem {
  ladderPrev: LadderItem | null;
  ladderNext: LadderItem | null;
  ladderLevel: Level | null;
}

export class Level {
  head: LadderItem | null = null;
  tail: LadderItem | null = null;
  count = 0;
  constructor(readonly priceTicks: number) {}
}

export class Ladder {
  /** Sort keys ascending: price for best-highest ladders, -price for best-lowest ones. */
  private readonly keys: number[] = [];
  private readonly levels = new Map<number, Level>();
  private orderCount = 0;

  /** bestIsHighest: bids, and triggers that fire on a falling price; else asks and rising triggers. */
  constructor(readonly bestIsHighest: boolean) {}

  get size(): number {
    return this.orderCount;
  }

  /** Appends the item at the back of its price level's queue. */
  add(item: LadderItem, priceTicks: number): void {
    if (item.ladderLevel !== null) throw new Error('ladder: item is already in a level');
    let level = this.levels.get(priceTicks);
    if (level === undefined) {
      level = new Level(priceTicks);
      this.levels.set(priceTicks, level);
      const key = this.bestIsHighest ? priceTicks : -priceTicks;
      this.keys.splice(this.insertionIndex(key), 0, key);
    }
    item.ladderLevel = level;
    item.ladderPrev = level.tail;
    item.ladderNext = null;
    if (level.tail !== null) level.tail.ladderNext = item;
    else level.head = item;
    level.tail = item;
    level.count++;
    this.orderCount++;
  }

  remove(item: LadderItem): void {
    const level = item.ladderLevel;
    if (level === null) throw new Error('ladder: item is not in a level');
    if (item.ladderPrev !== null) item.ladderPrev.ladderNext = item.ladderNext;
    else level.head = item.ladderNext;
    if (item.ladderNext !== null) item.ladderNext.ladderPrev = item.ladderPrev;
    else level.tail = item.ladderPrev;
    item.ladderPrev = item.ladderNext = item.ladderLevel = null;
    level.count--;
    this.orderCount--;
    if (level.count === 0) this.dropLevel(level.priceTicks);
  }

  /** The first item in priority order, or null. */
  best(): LadderItem | null {
    if (this.keys.length === 0) return null;
    const key = this.keys[this.keys.length - 1];
    return this.levels.get(this.bestIsHighest ? key : -key)!.head;
  }

  /** Best price in ticks, or NaN when empty. */
  bestPriceTicks(): number {
    if (this.keys.length === 0) return Number.NaN;
    const key = this.keys[this.keys.length - 1];
    return this.bestIsHighest ? key : -key;
  }

  /** All items in priority order (tests, snapshots; not the hot path). */
  items(): LadderItem[] {
    const all: LadderItem[] = [];
    for (let i = this.keys.length - 1; i >= 0; i--) {
      const key = this.keys[i];
      for (let item = this.levels.get(this.bestIsHighest ? key : -key)!.head; item; item = item.ladderNext)
        all.push(item);
    }
    return all;
  }

  private dropLevel(priceTicks: number): void {
    this.levels.delete(priceTicks);
    const key = this.bestIsHighest ? priceTicks : -priceTicks;
    const index = this.insertionIndex(key) - 1;
    if (this.keys[index] !== key) throw new Error('ladder: level index out of step');
    if (index === this.keys.length - 1) this.keys.pop();
    else this.keys.splice(index, 1);
  }

  /** First index whose key is greater than `key`. */
  private insertionIndex(key: number): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.keys[middle] <= key) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
