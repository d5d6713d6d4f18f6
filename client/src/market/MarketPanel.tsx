// The side panel's Market tab: tickers of the venues the server streams (last, 24h change,
// mark, funding, time to next funding) with a stale badge per row, and the venues that are not
// live listed with their reason, so a panel with no network says so rather than failing; and
// under the tickers, the counters of each venue worker process (WorkerTable.tsx).
import { useEffect, useState } from 'react';
import type { MarketTicker, VenueStatus } from '@patchdesk/modules/contracts/hubs';
import { wireProtocolFromUrl } from '../hub/hubs';
import { formatChange, formatCountdown, formatFunding, formatPrice, rowKey } from './format-market';
import { openMarketConnection } from './market-connection';
import type { MarketView } from './market-connection';
import { WorkerTable } from './WorkerTable';

/** The countdown's resolution: seconds show under an hour. */
const clockTickMs = 1_000;

function useMarketView(): MarketView {
  const [view, setView] = useState<MarketView>({
    link: 'connecting',
    venues: null,
    frame: null,
    error: null,
  });
  useEffect(
    () => openMarketConnection(window.location.origin, wireProtocolFromUrl(window.location.search), setView),
    [],
  );
  return view;
}

function useNowMs(): number {
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), clockTickMs);
    return () => clearInterval(timer);
  }, []);
  return nowMs;
}

function VenueProblems({ venues }: { venues: VenueStatus[] }) {
  const notLive = venues.filter((venue) => venue.state !== 'live');
  if (notLive.length === 0) return null;
  return (
    <ul className="market__venues" data-testid="market-venue-problems">
      {notLive.map((venue) => (
        <li key={venue.venue} data-testid={`market-venue-${venue.venue}`} data-state={venue.state}>
          <span className={`market__state market__state--${venue.state}`}>{venue.state}</span>
          <strong>{venue.label}</strong>
          {venue.reason ? <span className="market__reason">{venue.reason}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * One row in a 340 px panel: each cell stacks two figures (symbol over venue, last over 24h
 * change, funding over time to the next), so eight figures fit in four columns.
 */
function TickerRow({ ticker, label, nowMs }: { ticker: MarketTicker; label: string; nowMs: number }) {
  const change = ticker.change24h ?? 0;
  const funding = ticker.fundingRate ?? 0;
  return (
    <tr data-testid={`market-row-${rowKey(ticker)}`} data-stale={String(ticker.stale)}>
      <td>
        <span className="market__symbol" data-field="symbol">
          {ticker.symbol}
        </span>
        <span className="market__sub" data-field="venue" title={ticker.venue}>
          {label}
          {ticker.stale ? (
            <span
              className="market__stale"
              data-testid="market-stale"
              title="No update within the venue's stale time: do not trade on it"
            >
              stale
            </span>
          ) : null}
        </span>
      </td>
      <td>
        <span data-field="last">{formatPrice(ticker.last)}</span>
        <span data-field="change" className={`market__sub ${signClassOf(change)}`}>
          {formatChange(ticker.change24h)}
        </span>
      </td>
      <td>
        <span data-field="mark">{formatPrice(ticker.markPrice)}</span>
      </td>
      <td>
        <span data-field="funding" className={signClassOf(funding)}>
          {formatFunding(ticker.fundingRate)}
        </span>
        <span data-field="next-funding" className="market__sub" title="Time to the next funding">
          {formatCountdown(ticker.nextFundingTimeMs, nowMs)}
        </span>
      </td>
    </tr>
  );
}

function signClassOf(value: number): string {
  return value > 0 ? 'market--up' : value < 0 ? 'market--down' : '';
}

export function MarketPanel() {
  const view = useMarketView();
  const nowMs = useNowMs();
  const labels = new Map((view.venues ?? []).map((venue) => [venue.venue, venue.label]));
  const tickers = view.frame?.tickers ?? [];
  return (
    <div className="market" data-testid="market-panel" data-link={view.link}>
      {view.error ? <p className="market__error">{view.error}</p> : null}
      {view.venues === null ? <p className="panel__empty">Connecting to the market feed…</p> : null}
      {view.venues?.length === 0 ? (
        <p className="panel__empty" data-testid="market-no-venues">
          No venues configured: the server streams no market data. Start it with
          <code> PATCHDESK_VENUES=venues.json</code> (see server/venues/README.md).
        </p>
      ) : null}
      {view.venues ? <VenueProblems venues={view.venues} /> : null}
      {tickers.length > 0 ? (
        <table className="market__table">
          <thead>
            <tr>
              <th>Market</th>
              <th>Last / 24h</th>
              <th>Mark</th>
              <th>Funding / next</th>
            </tr>
          </thead>
          <tbody>
            {tickers.map((ticker) => (
              <TickerRow
                key={rowKey(ticker)}
                ticker={ticker}
                label={labels.get(ticker.venue) ?? ticker.venue}
                nowMs={nowMs}
              />
            ))}
          </tbody>
        </table>
      ) : view.venues && view.venues.length > 0 ? (
        <p className="panel__empty">No tickers yet.</p>
      ) : null}
      {view.venues ? <WorkerTable venues={view.venues} /> : null}
    </div>
  );
}
