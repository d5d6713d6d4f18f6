// Start and stop the open patch, with its run state and tick statistics.
import { runBlockedReason } from '../editor/patch-problems';
import { usePatchProblems } from '../hooks/use-patch-problems';
import { useEditor } from '../session/editor';
import { replayModeText } from '../session/run-session';
import { useGraphStore } from '../stores/graph-store';
import { useConnectionStore } from '../stores/connection-store';
import { useRunStore } from '../stores/run-store';

export function RunControls() {
  const { runs } = useEditor();
  const name = useGraphStore((state) => state.document?.name);
  const status = useRunStore((state) => (name ? state.statuses[name] : undefined));
  const running = status?.state === 'running';
  // Without StateHub the status is only the last one known: say so rather than look live.
  const stale = useConnectionStore((state) => state.links.state !== 'connected');
  const tick = status?.tick;
  const blocked = runBlockedReason(usePatchProblems());
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
          title={blocked ?? `Run: ${replayModeText}`}
          onClick={() => name && void runs.run(name)}
        >
          ▶ Run
        </button>
      )}
      <span
        className={`run-state run-state--${status?.state ?? 'stopped'}${stale ? ' run-state--stale' : ''}`}
        data-testid="run-state"
        data-state={status?.state ?? 'stopped'}
        title={stale ? 'Last known state: the server is not connected' : (status?.reason ?? '')}
      >
        {status?.state ?? 'stopped'}
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
        <span className="run-stats" data-testid="run-stats">
          {tick.ticks} ticks · mean {tick.meanTickMs.toFixed(2)} ms · max {tick.maxTickMs.toFixed(1)} ms
          {tick.overruns > 0 ? ` · ${tick.overruns} overruns` : ''} · {status?.barsDelivered ?? 0} bars
        </span>
      ) : null}
    </div>
  );
}
