// The market streams a run reads (`streams` in the run config): which (venue, symbol) pairs
// fill the run's market feed, in order. A source module's `stream` param is an index into this
// list. Checked here at the edge: every venue is one the venue registry knows, every symbol is
// in ccxt's unified form, no pair twice, and at most `runStreamsMax` of them.
import { z } from 'zod';
import type { MarketStreamRef } from '@patchdesk/modules/contracts/hubs';
import { ccxtVenues, quirksOf } from '../venues/registry';

/** Streams one run may read: each costs a feed slot and a scan per event on the bridge. */
export const runStreamsMax = 32;

const streamSchema = z.strictObject({
  venue: z
    .string()
    .min(1)
    .max(40)
    .refine((venue) => quirksOf(venue) !== undefined, {
      message: `unknown venue; known venues are ${ccxtVenues.map((quirks) => quirks.id).join(', ')}`,
    }),
  // ccxt's unified form: BASE/QUOTE, with :SETTLE for derivatives
  symbol: z
    .string()
    .min(3)
    .max(60)
    .regex(/^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+(:[A-Za-z0-9._-]+)?$/, {
      message: 'not a ccxt unified symbol such as "BTC/USDT:USDT"',
    }),
});

export const runStreamsSchema = z
  .array(streamSchema)
  .max(runStreamsMax)
  .superRefine((streams, ctx) => {
    const seen = new Set<string>();
    streams.forEach((stream, index) => {
      const key = `${stream.venue} ${stream.symbol}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `"${stream.venue} · ${stream.symbol}" is listed twice`,
        });
      }
      seen.add(key);
    });
  });

/** How a stream is shown (the editor's stream picker, log lines): "binanceusdm · BTC/USDT:USDT". */
export function streamLabel(stream: MarketStreamRef): string {
  return `${stream.venue} · ${stream.symbol}`;
}
