// Start and stop the open patch, with its run state and tick statistics: tick times, how
// late ticks start (p50/p99/max) and how many the clock skipped. Before a run: Replay or Paper
// and its fields (a replay runs once and ends at the last bar, or loops, each pass numbered and
// its modules started afresh; a paper run never loops); during a paper run: the kill switch.
import { useMemo } from 'react';
import { runEndedReason } from '@patchdesk/modules/contracts/hubs';
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
import { MarketStreamFields } from '../trading/MarketStreamFields';
import { RunModeFields } from '../trading/RunModeFields';
import { runConfigBlockedReason, runConfigOf } from '../trading/run-config-form';

export function RunControls() {
  const { runs } = useEditor();
  const name = useGraphStore((state) => state.document?.name);
  const status = useRunStore((state) => (name ? state.statuses[name] : undefined));
  const running = status?.state === 'running';
  const loop = useRunStore((state) => state.loop);
  const setLoop = useRunStore((state) => state.setLoop);
  // Stopped at the end of the data, not by a person or an error.
  const ended = status?.state === 'stopped' && status.reason === runEndedReason;
  const stateText = ended ? 'ended' : (status?.state ?? 'stopped');
  // Without StateHub the status is only the last one known: say so rather than look live.
  const stale = useConnectionStore((state) => state.links.state !== 'connected');
  const tick = status?.tick;
  const form = useRunConfigStore((state) => state.form);
  const { config, problems, streamProblems } = useMemo(() => runConfigOf(form, defaultRunConfig), [form]);
  const blocked = runBlockedReason(usePatchProblems()) ?? runConfigBlockedReason(problems);
  const paperRunning = running && status?.mode === 'paper';
  const start = (patchName: string) => {
    // A paper run's account is what the quant wants to watch: show it.
    if (config.mode === 'paper') useUiStore.getState().setPanel('trading');
    // The simulated venue cannot go back in time: a paper run never loops.
    void runs.run(patchName, { ...config, loop: config.mode === 'paper' ? false : loop });
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
            (config.mode === 'paper'
              ? `Run: paper trading on the simulated venue, ${replayModeText.once}`
              : `Run: ${replayModeText[loop ? 'loop' : 'once']}`)
          }
          onClick={() => name && start(name)}
        >
          ▶ Run
        </button>
      )}
      {running ? null : <RunModeFields problems={problems} disabled={!name} />}
      {running ? null : <MarketStreamFields problems={streamProblems} disabled={!name} />}
      {paperRunning ? <KillSwitchButton /> : null}
      <span
        className={`run-state run-state--${ended ? 'ended' : (status?.state ?? 'stopped')}${stale ? ' run-state--stale' : ''}`}
        data-testid="run-state"
        data-state={status?.state ?? 'stopped'}
        data-ended={ended}
        title={
          stale
            ? 'Last known state: the server is not connected'
            : ended
              ? 'The replay reached the last bar of the data'
              : (status?.reason ?? '')
        }
      >
        {stateText}
        {status?.mode === 'paper' && running ? ' · paper' : ''}
        {stale ? '?' : ''}
      </span>
      {running && status?.pass !== undefined && (loop || status.pass > 1) ? (
        <span
          className="run-pass"
          data-testid="run-pass"
          data-pass={status.pass}
          title="Pass over the data: each pass starts at the first bar with the modules started afresh"
        >
          pass {status.pass}
        </span>
      ) : null}
      {form.mode === 'paper' ? null : (
        <select
          className="run-loop"
          data-testid="run-loop"
          aria-label="Replay mode"
          value={loop ? 'loop' : 'once'}
          disabled={running}
          title={
            running
              ? 'Takes effect on the next run'
              : `Once: ${replayModeText.once}. Loop: ${replayModeText.loop}.`
          }
          onChange={(event) => setLoop(event.target.value === 'loop')}
        >
          <option value="once">once</option>
          <option value="loop">loop</option>
        </select>
      )}
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
