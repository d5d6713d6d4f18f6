// Start and stop the open patch, with its run state and tick statistics: tick times, how
// late ticks start (p50/p99/max) and how many the clock skipped. Before a run: Replay or Paper
// and its fields; during a paper run: the kill switch, always in view.
import { useMemo } from 'react';
import { runBlockedReason } from '../editor/patch-problems';
import { usePatchProblems } from '../hooks/use-patch-problems';
import { useEditor } from '../session/editor';
import { defaultRunConfig, replayModeText } from '../session/run-session';
import { useGraphStore } from '../stores/graph-store';
import { useConnectionStore } from '../stores/connection-store';
import { useRunStore } from '../stores/run-store';
import { useRunConfigStore } from '../stores/run-config-store';
import { useUiStore } from '../stores/ui-store';
import { KillSwitchButton } from '../trading/KillSwitchButton';
import { RunModeFields } from '../trading/RunModeFields';
import { runConfigBlockedReason, runConfigOf } from '../trading/run-config-form';

export function RunControls() {
  const { runs } = useEditor();
  const name = useGraphStore((state) => state.document?.name);
  const status = useRunStore((state) => (name ? state.statuses[name] : undefined));
  const running = status?.state === 'running';
  // Without StateHub the status is only the last one known: say so rather than look live.
  const stale = useConnectionStore((state) => state.links.state !== 'connected');
  const tick = status?.tick;
  const form = useRunConfigStore((state) => state.form);
  const { config, problems } = useMemo(() => runConfigOf(form, defaultRunConfig), [form]);
  const blocked = runBlockedReason(usePatchProblems()) ?? runConfigBlockedReason(problems);
  const paperRunning = running && status?.mode === 'paper';
  const start = (patchName: string) => {
    // A paper run's account is what the quant wants to watch: show it.
    if (config.mode === 'paper') useUiStore.getState().setPanel('trading');
    void runs.run(patchName, config);
  };
  return (
    <div className="run-controls">
      {running ? (
        <button type="button" data-testid="run-stop" onClick={() => name && void runs.stop(name)}>
          ■ Stop
        </button>
      ) : (
        <button
          type="button"
          className="primary"
          data-testid="run-start"
          disabled={!name || blocked !== null}
          title={
            blocked ??
            `Run: ${config.mode === 'paper' ? 'paper trading on the simulated venue, ' : ''}${replayModeText}`
          }
          onClick={() => name && start(name)}
        >
          ▶ Run
        </button>
      )}
      {running ? null : <RunModeFields problems={problems} disabled={!name} />}
      {paperRunning ? <KillSwitchButton /> : null}
      <span
        className={`run-state run-state--${status?.state ?? 'stopped'}${stale ? ' run-state--stale' : ''}`}
        data-testid="run-state"
        data-state={status?.state ?? 'stopped'}
        title={stale ? 'Last known state: the server is not connected' : (status?.reason ?? '')}
      >
        {status?.state ?? 'stopped'}
        {status?.mode === 'paper' && running ? ' · paper' : ''}
        {stale ? '?' : ''}
      </span>
      <span
        className="run-mode"
        data-testid="run-mode"
        title="No invented times: looping would shift dates past the data"
      >
        once
      </span>
      {tick && tick.ticks > 0 ? (
        // Compact, to fit the toolbar: each figure says what it is in its tooltip.
        <span className="run-stats" data-testid="run-stats">
          <span title={`${tick.ticks} ticks: mean and max time a tick took`}>
            tick {tick.meanTickMs.toFixed(2)}/{tick.maxTickMs.toFixed(1)} ms
          </span>
          {tick.latenessMs ? (
            <span
              data-testid="run-lateness"
              data-p50={tick.latenessMs.p50}
              data-p99={tick.latenessMs.p99}
              data-max={tick.latenessMs.max}
              title="How late ticks start after their 100 ms slot: p50 / p99 over the last 1,024 ticks, max over the run"
            >
              {' · late '}
              {tick.latenessMs.p50.toFixed(1)}/{tick.latenessMs.p99.toFixed(1)}/
              {tick.latenessMs.max.toFixed(1)} ms
            </span>
          ) : null}
          {tick.skippedTicks !== undefined ? (
            <span
              className={tick.skippedTicks > 0 ? 'run-skipped--some' : undefined}
              data-testid="run-skipped"
              data-count={tick.skippedTicks}
              title="Ticks the live clock passed over because it was late"
            >
              {` · ${tick.skippedTicks} skipped`}
            </span>
          ) : null}
          {tick.overruns > 0 ? (
            <span title="Ticks that took longer than their slot or started late">{` · ${tick.overruns} overruns`}</span>
          ) : null}
          {` · ${status?.barsDelivered ?? 0} bars`}
        </span>
      ) : null}
    </div>
  );
}
