// The journal group that records one booked trading event: the event itself (with the
// positions it left, so a restart needs no re-computation) then the accounts it opened and the
// transfers that book it. Written in one transaction by the JournalWriter.
import { z } from 'zod';
import { tradingEventSchema, type TradingEvent } from '../events';
import type { EventBooked } from '../ledger/accounting';
import type { JournalEntry } from './journal-entries';

export const tradingEventPayloadSchema = z.object({
  event: tradingEventSchema,
  positions: z.array(
    z.object({ accountId: z.string(), symbol: z.string(), quantityUnits: z.string().regex(/^-?\d+$/) }),
  ),
  shortfallUnits: z.string().regex(/^-?\d+$/),
});

export type TradingEventPayload = z.infer<typeof tradingEventPayloadSchema>;

export function journalEntriesForBooking(event: TradingEvent, booked: EventBooked): JournalEntry[] {
  const payload: TradingEventPayload = {
    event,
    positions: booked.positions.map((p) => ({ ...p, quantityUnits: p.quantityUnits.toString() })),
    shortfallUnits: booked.shortfallUnits.toString(),
  };
  const entries: JournalEntry[] = [
    { type: 'record', recordId: event.eventId, kind: 'trading-event', atMs: event.atMs, payload },
  ];
  for (const account of booked.accountsCreated) entries.push({ type: 'account', account });
  for (const transfer of booked.transfers) entries.push({ type: 'transfer', transfer });
  return entries;
}
