// The side panel's Backtest tab: choose the data and the venue model, Run the open patch as a
// backtest with progress and Cancel, then read the result (metrics, charts, trades) and browse,
// open, delete and compare stored results.
import { useEffect, useMemo, useState } from 'react';
import type { BacktestConfig, BacktestStoredDataset } from '@patchdesk/modules/contracts/backtest';
import { useEditor } from '../session/editor';
import { useConnectionStore } from '../stores/connection-store';
import { useGraphStore } from '../stores/graph-store';
import { useProbeStore } from '../stores/probe-store';
import { backtestSessionFor } from './backtest-session';
import { useBacktestStore, type DataChoice as Data } from './backtest-store';
import { CompareView } from './CompareView';
import { DataChoice } from './DataChoice';
import { MetricsTable } from './MetricsTable';
import { paceChoices, speedOfPace } from './pace';
import { recordedData } from './recorded-choice';
import { ResultCharts } from './ResultCharts';
import { RunProgress } from './RunProgress';
import { StoredResults } from './StoredResults';
import { SweepSection } from './SweepSection';
import { sweepSessionFor } from './sweep-session';
import { candleSpanMs, tradeWindow, type TimeRange } from './trade-window';
import { TradesTable } from './TradesTable';
import { venueBlockedReason, venueModelOfForm } from './venue-form';
import { VenueFields } from './VenueFields';
import { withShownProbes } from './with-probes';
import './backtest.css';

function dataOfChoice(
  data: Data,
  datasets: BacktestStoredDataset[] | null,
): BacktestConfig['data'] | { problem: string } {
  if (data.kind === 'sample') return { kind: 'sample' };
  if (data.kind === 'recorded') return recordedData(data, datasets);
  if (data.problem || data.text === null) return { problem: data.problem ?? 'choose a CSV file' };
  return { kind: 'csv', name: data.name, text: data.text };
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="trading__section" data-testid={testId}>
      <h3 className="trading__heading">{title}</h3>
      {children}
    </section>
  );
}

export function BacktestPanel() {
  const { hubs, edits } = useEditor();
  const session = backtestSessionFor(hubs.backtest);
  const sweeps = sweepSessionFor(hubs.backtest, () => ({
    backtest: (patched, inputs) =>
      session.run(withShownProbes(patched, useProbeStore.getState().probes), {
        data: inputs.data,
        model: inputs.model,
      }),
    submit: (label, group) => edits.submit(label, group),
  }));
  const patch = useGraphStore((state) => state.document?.patch ?? null);
  const linked = useConnectionStore((state) => state.links.backtest === 'connected');
  const { data, datasets, venue, speedChoice, running, outcome, note, selectedTrade, comparison, set } =
    useBacktestStore();
  const [range, setRange] = useState<TimeRange | null>(null);
  const { model, problems } = useMemo(() => venueModelOfForm(venue), [venue]);

  useEffect(() => {
    if (linked) void session.refreshList();
  }, [linked, session]);
  useEffect(() => setRange(null), [outcome]);

  const chosen = dataOfChoice(data, datasets);
  const blocked = !linked
    ? 'the backtest hub is not connected'
    : !patch
      ? 'no patch is open'
      : 'problem' in chosen
        ? `Data: ${chosen.problem}`
        : venueBlockedReason(problems);
  const sweepBlocked = !linked
    ? 'the backtest hub is not connected'
    : !patch
      ? 'no patch is open'
      : venueBlockedReason(problems);
  const run = () => {
    if (!patch || 'problem' in chosen) return;
    const speed = speedOfPace(paceChoices[speedChoice]?.dataMsPerSecond ?? null);
    const sent = withShownProbes(patch, useProbeStore.getState().probes);
    void session.run(sent, { data: chosen, model, ...(speed === undefined ? {} : { speed }) });
  };
  const selectTrade = (index: number) => {
    if (!outcome) return;
    const trade = outcome.trades[index];
    set({ selectedTrade: index });
    const span = outcome.candles ? candleSpanMs(outcome.candles.timeMs) : 60_000;
    setRange(tradeWindow(trade, { fromMs: outcome.bars.firstTimeMs, toMs: outcome.bars.lastTimeMs }, span));
  };

  return (
    <div className="backtest" data-testid="backtest-panel">
      <DataChoice disabled={running !== null} onRecorded={() => void session.refreshDatasets()} />
      <VenueFields problems={problems} disabled={running !== null} />
      <div className="backtest__run">
        <button
          type="button"
          className="primary"
          data-testid="backtest-run"
          disabled={blocked !== null || running !== null}
          title={blocked ?? `Backtest ${patch?.name ?? ''} on the simulated venue`}
          onClick={run}
        >
          Run backtest
        </button>
        {blocked ? (
          <span className="backtest__problem" data-testid="backtest-blocked">
            {blocked}
          </span>
        ) : null}
      </div>
      {running ? <RunProgress running={running} onCancel={() => void session.cancel()} /> : null}
      {note ? (
        <p
          className={`backtest__note backtest__note--${note.kind}`}
          data-testid="backtest-note"
          role="status"
        >
          {note.message}
        </p>
      ) : null}
      <SweepSection session={sweeps} patch={patch} data={chosen} model={model} blocked={sweepBlocked} />
      {comparison ? <CompareView comparison={comparison} onClose={() => set({ comparison: null })} /> : null}
      {outcome ? (
        <>
          <Section title={`Result: ${outcome.name}`} testId="backtest-result">
            <p className="backtest__hint" data-testid="result-summary">
              {outcome.bars.count.toLocaleString('en-US')} bars ·{' '}
              {outcome.counts.trades.toLocaleString('en-US')} trades ·{' '}
              {outcome.counts.fills.toLocaleString('en-US')} fills
              {outcome.resultId ? ` · stored as ${outcome.resultId.slice(0, 8)}` : ' · not stored'}
            </p>
            <MetricsTable metrics={outcome.metrics} />
          </Section>
          <ResultCharts outcome={outcome} selected={selectedTrade} range={range} onRange={setRange} />
          <Section title="Trades">
            <TradesTable
              trades={outcome.trades}
              total={outcome.counts.trades}
              selected={selectedTrade}
              onSelect={selectTrade}
            />
          </Section>
        </>
      ) : null}
      <Section title="Stored results" testId="backtest-stored">
        <StoredResults session={session} />
      </Section>
    </div>
  );
}
