// Where a session's money and orders are written down: every trading event booked in the
// ledger (and its transfers journaled), every order state journaled. A refusal here means the
// venue and the ledger disagree on a rule: counted and told, never hidden.
import type { TradeOrder } from '@patchdesk/modules/contracts/trading';
import type { TradingEvent } from '../events';
import type { Accounting } from '../ledger/accounting';
import { journalEntriesForBooking } from '../journal/ledger-journal';
import type { JournalAppender } from '../journal/journal-writer';

export class SessionBooks {
  readonly #accounting: Accounting;
  readonly #journal: JournalAppender | null;
  readonly #onInvariantBroken: ((message: string) => void) | undefined;
  /** Events the venue accepted and the ledger refused. */
  refusals = 0;

  constructor(
    accounting: Accounting,
    journal: JournalAppender | null | undefined,
    onInvariantBroken: ((message: string) => void) | undefined,
  ) {
    this.#accounting = accounting;
    this.#journal = journal ?? null;
    this.#onInvariantBroken = onInvariantBroken;
  }

  book(event: TradingEvent): void {
    const outcome = this.#accounting.book(event);
    if (!outcome.ok) {
      // The venue accepted what the ledger refuses: a rule differs between the two. Counted
      // and told, never hidden; the venue's state stays what the patch sees.
      this.refusals++;
      this.#onInvariantBroken?.(`ledger refused ${event.kind} ${event.eventId}: ${outcome.code}`);
      return;
    }
    if (outcome.duplicate) return;
    const journal = this.#journal;
    if (journal) {
      const appended = journal.append(journalEntriesForBooking(event, outcome));
      if (!appended.ok) this.#onInvariantBroken?.(`journal refused ${event.eventId}: ${appended.code}`);
    }
  }

  journalOrder(order: TradeOrder): void {
    const journal = this.#journal;
    if (!journal) return;
    journal.append([
      {
        type: 'record',
        recordId: `${order.clientOrderId}:${order.status}:${order.filledQuantity}:${order.updatedAtMs}`,
        kind: 'order',
        atMs: Math.max(0, order.updatedAtMs),
        payload: { ...order, orderId: order.clientOrderId },
      },
    ]);
  }
}
