// The venues PatchDesk knows: the twelve through ccxt (eleven
// quirks files: OKX spot and OKX swaps are one ccxt id) and the two perpetual
// DEXes ccxt does not cover, EdgeX and Vest, which need a hand-written VenueConnector (see
// README.md, "Adding a hand-written connector").
import { binance } from './quirks/binance';
import { binanceusdm } from './quirks/binanceusdm';
import { bybit } from './quirks/bybit';
import { coinbase } from './quirks/coinbase';
import { deribit } from './quirks/deribit';
import { extended } from './quirks/extended';
import { hyperliquid } from './quirks/hyperliquid';
import { kraken } from './quirks/kraken';
import { lighter } from './quirks/lighter';
import { okx } from './quirks/okx';
import { pacifica } from './quirks/pacifica';
import type { VenueQuirks } from './quirks/venue-quirks';

export const ccxtVenues: readonly VenueQuirks[] = [
  binance,
  bybit,
  kraken,
  okx,
  coinbase,
  deribit,
  binanceusdm,
  hyperliquid,
  lighter,
  extended,
  pacifica,
];

export const notInCcxt = [
  { id: 'edgex', label: 'EdgeX', reason: 'not in ccxt 4.5; needs a hand-written connector' },
  { id: 'vest', label: 'Vest', reason: 'not in ccxt 4.5; needs a hand-written connector' },
] as const;

export function quirksOf(venue: string): VenueQuirks | undefined {
  return ccxtVenues.find((quirks) => quirks.id === venue);
}
