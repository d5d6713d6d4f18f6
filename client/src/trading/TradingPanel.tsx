// The side panel's Trading tab: the open patch's paper run, live. Account, equity curve,
// positions (Flatten), open orders (Cancel), recent fills and the intents the gates blocked, and
// the parity check of the recorded run against its backtest.
import { Suspense, lazy, useMemo } from 'react';
import { useTradingStore } from '../stores/trading-store';
import { workingOrders } from '../stores/trading-reducer';
import { AccountSummary } from './AccountSummary';
import { FillsTable } from './FillsTable';
import { OrdersTable } from './OrdersTable';
import { ParityCheck } from './ParityCheck';
import { PositionsTable } from './PositionsTable';
import { RiskEventsList } from './RiskEventsList';
import { formatBarTime } from './format-trading';

// Loaded on first use: uPlot reads the window's pixel ratio as it loads.
const EquityChart = lazy(() => import('./EquityChart').then((module) => ({ default: module.EquityChart })));

function Section({ title, count, children }: { title: string; count?: number; children: React.ReactNode }) {
  return (
    <section className="trading__section">
      <h3 className="trading__heading">
        {title}
        {count !== undefined ? <span className="trading__count">{count}</span> : null}
      </h3>
      {children}
    </section>
  );
}

/**
 * `chart` is the equity chart by default; component tests pass null, since jsdom has no canvas
 * to draw it on (the browser test looks at it).
 */
export function TradingPanel({ chart = <EquityChart /> }: { chart?: React.ReactNode }) {
  const view = useTradingStore((state) => state.view);
  const live = useTradingStore((state) => state.live);
  const note = useTradingStore((state) => state.note);
  const open = useMemo(() => workingOrders(view), [view]);
  if (!view) {
    return (
      <div className="trading" data-testid="trading-panel" data-live="false">
        <p className="panel__empty">
          No paper run for this patch. Choose <strong>Paper</strong> next to Run to trade the patch&apos;s
          orders on the simulated venue.
        </p>
      </div>
    );
  }
  return (
    <div className="trading" data-testid="trading-panel" data-live={String(live)}>
      <div className={`trading__status${live ? ' trading__status--live' : ''}`} data-testid="trading-status">
        {live ? 'Paper run live' : (note ?? 'Paper run ended')}
        <span className="trading__time">{formatBarTime(view.timeMs)}</span>
      </div>
      {view.killSwitch ? (
        <p className="trading__kill" data-testid="trading-kill-note">
          Kill switch on: working orders were cancelled and positions closed; new orders are refused until it
          is reset.
        </p>
      ) : null}
      <ParityCheck />
      <AccountSummary account={view.account} />
      <Suspense fallback={<div className="equity-chart" />}>{chart}</Suspense>
      <Section title="Positions">
        <PositionsTable positions={view.positions} live={live} />
      </Section>
      <Section title="Open orders" count={open.length}>
        <OrdersTable orders={open} live={live} />
      </Section>
      <Section title="Fills" count={view.counts.fills}>
        <FillsTable fills={view.fills} total={view.counts.fills} />
      </Section>
      <Section title="Blocked intents" count={view.counts.riskEvents}>
        <RiskEventsList events={view.riskEvents} total={view.counts.riskEvents} />
      </Section>
    </div>
  );
}
