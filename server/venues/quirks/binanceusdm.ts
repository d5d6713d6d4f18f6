// Binance USD-M futures. loadMarkets reads /fapi/v1/exchangeInfo only (linear); WebSocket paths
// are split by ccxt into /public/ws (trade, depth) and /market/ws (tickers, klines, mark price).
import type { VenueQuirks } from './venue-quirks';

export const binanceusdm: VenueQuirks = {
  id: 'binanceusdm',
  label: 'Binance USD-M futures',
  kind: 'centralised',
  options: { fetchMarkets: { types: ['linear'] }, fetchCurrencies: false },
  sandbox: true,
  notes: 'Book from a REST snapshot plus depth diffs; ccxt checks pu == previous u and resyncs on a gap.',
  // The markPrice stream (every second) carries the premium index's funding figures.
  fundingFromMarkStream: (info) => ({ fundingRate: numberOf(info.r), nextFundingTimestamp: info.T }),
};

function numberOf(value: unknown): unknown {
  return typeof value === 'string' && value !== '' ? Number(value) : value;
}
