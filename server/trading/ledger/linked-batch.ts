// TigerBeetle's batch rule, shared by accounts and transfers: events apply in order; an event
// with the `linked` flag (bit 0) chains to the next one; if any member of a chain fails, the
// members already applied are undone, the failing one reports its own result and every other
// member reports `linked_event_failed`. A chain still open at the end of the batch fails with
// `linked_event_chain_open` on its last member.
import type { CreateFailure } from './ledger-types';

const linkedBit = 1;

export interface BatchSteps<Item, Result extends string> {
  /** Checks and applies one event; returns 'ok' only when it was applied. */
  apply(item: Item): Result | 'ok';
  /** Undoes an event `apply` applied (only called for members of a failed chain). */
  undo(item: Item): void;
}

export function applyLinkedBatch<Item extends { flags: number }, Result extends string>(
  items: readonly Item[],
  steps: BatchSteps<Item, Result>,
): CreateFailure<Result | 'linked_event_failed' | 'linked_event_chain_open'>[] {
  const failures: CreateFailure<Result | 'linked_event_failed' | 'linked_event_chain_open'>[] = [];
  let chainStart = -1;
  for (let index = 0; index < items.length; index++) {
    const linked = (items[index].flags & linkedBit) !== 0;
    if (linked && chainStart < 0) chainStart = index;
    const result =
      linked && index === items.length - 1 ? ('linked_event_chain_open' as const) : steps.apply(items[index]);
    if (result === 'ok') {
      if (!linked) chainStart = -1;
      continue;
    }
    if (chainStart < 0) {
      failures.push({ index, result });
      continue;
    }
    // Undo the chain's applied members, newest first, then report every member.
    for (let undone = index - 1; undone >= chainStart; undone--) steps.undo(items[undone]);
    let chainEnd = index;
    while (chainEnd < items.length - 1 && (items[chainEnd].flags & linkedBit) !== 0) chainEnd++;
    for (let member = chainStart; member <= chainEnd; member++) {
      failures.push({ index: member, result: member === index ? result : 'linked_event_failed' });
    }
    // The last member of an open chain reports the open chain, as TigerBeetle does.
    if (chainEnd === items.length - 1 && (items[chainEnd].flags & linkedBit) !== 0 && chainEnd !== index) {
      failures[failures.length - 1] = { index: chainEnd, result: 'linked_event_chain_open' };
    }
    index = chainEnd;
    chainStart = -1;
  }
  return failures;
}
