// The right-hand panel: probes, help for the selected module, versions, logs, the paper run, the
// market watch or backtests.
import { Suspense, lazy } from 'react';
import { useUiStore } from '../stores/ui-store';
import type { SidePanel as Panel } from '../stores/ui-store';
import { LogPanel } from './LogPanel';
import { ModuleHelp } from './ModuleHelp';
import { ProbeList } from './ProbeList';
import { MarketPanel } from '../market/MarketPanel';
import { TradingPanel } from '../trading/TradingPanel';
import { VersionsPanel } from './VersionsPanel';

// Loaded on first use: its charts (uPlot) are not needed until then.
const BacktestPanel = lazy(() =>
  import('../backtest/BacktestPanel').then((module) => ({ default: module.BacktestPanel })),
);

const tabs: { panel: Panel; label: string }[] = [
  { panel: 'probes', label: 'Probes' },
  { panel: 'module', label: 'Module' },
  { panel: 'versions', label: 'Versions' },
  { panel: 'logs', label: 'Logs' },
  { panel: 'trading', label: 'Trading' },
  { panel: 'market', label: 'Market' },
  { panel: 'backtest', label: 'Backtest' },
];

export function SidePanel() {
  const panel = useUiStore((state) => state.panel);
  const setPanel = useUiStore((state) => state.setPanel);
  return (
    <aside className={`side-panel side-panel--${panel}`}>
      <nav className="side-panel__tabs">
        {tabs.map((tab) => (
          <button
            key={tab.panel}
            type="button"
            data-testid={`tab-${tab.panel}`}
            className={panel === tab.panel ? 'active' : ''}
            onClick={() => setPanel(tab.panel)}
          >
            {tab.label}
          </button>
        ))}
      </nav>
      <div className="side-panel__body">
        {panel === 'probes' ? <ProbeList /> : null}
        {panel === 'module' ? <ModuleHelp /> : null}
        {panel === 'versions' ? <VersionsPanel /> : null}
        {panel === 'logs' ? <LogPanel /> : null}
        {panel === 'trading' ? <TradingPanel /> : null}
        {panel === 'market' ? <MarketPanel /> : null}
        {panel === 'backtest' ? (
          <Suspense fallback={null}>
            <BacktestPanel />
          </Suspense>
        ) : null}
      </div>
    </aside>
  );
}
