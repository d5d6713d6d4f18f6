// The Backtest panel's sweep: the set-up, Run sweep (on the panel's data and venue model) with
// progress and Cancel, then the runs as a table and, for two params, a heatmap. A click on a
// row or cell backtests that run in the panel; "Apply to patch" writes its params into the
// patch as one undoable edit.
import type { SweepConfig } from '@patchdesk/modules/contracts/sweep';
import type { Patch } from '@patchdesk/modules/patch/types';
import { formatMetric } from './metric-info';
import { sweepConfigOfForm } from './sweep-form';
import type { SweepSession } from './sweep-session';
import { useSweepStore, type RunningSweep } from './sweep-store';
import { SweepHeatmap } from './SweepHeatmap';
import { SweepSetup } from './SweepSetup';
import { SweepTable } from './SweepTable';

function SweepProgress({ running, onCancel }: { running: RunningSweep; onCancel: () => void }) {
  const frame = running.frame;
  const percent = frame?.percent ?? 0;
  const best =
    frame?.bestParams && frame.bestValue !== null
      ? `best ${formatMetric(frame.objective, frame.bestValue)} at ${Object.entries(frame.bestParams)
          .map(([name, value]) => `${name} ${value}`)
          .join(', ')}`
      : 'no best yet';
  return (
    <div className="backtest-progress" data-testid="sweep-progress" data-phase={running.phase}>
      <div className="backtest-progress__bar" role="progressbar" aria-valuenow={Math.round(percent)}>
        <div className="backtest-progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <div className="backtest-progress__figures">
        <span data-testid="sweep-progress-runs">
          {frame ? `${frame.runsDone} / ${frame.runsTotal} runs` : 'Starting…'}
        </span>
        <span data-testid="sweep-progress-best">{best}</span>
        <button
          type="button"
          data-testid="sweep-cancel"
          disabled={running.cancelRequested || running.phase === 'finishing'}
          onClick={onCancel}
        >
          {running.cancelRequested ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}

export function SweepSection({
  session,
  patch,
  data,
  model,
  blocked,
}: {
  session: SweepSession;
  patch: Patch | null;
  /** The panel's data, or why it cannot be used. */
  data: SweepConfig['data'] | { problem: string };
  model: SweepConfig['model'];
  /** Why nothing can run now (hub down, no patch, a bad venue field), else null. */
  blocked: string | null;
}) {
  const { form, running, outcome, selected, note } = useSweepStore();
  const check =
    'problem' in data ? { problem: `Data: ${data.problem}` } : sweepConfigOfForm(form, data, model);
  const reason = blocked ?? ('problem' in check ? check.problem : null);
  const open = (index: number) => {
    if (patch) void session.open(patch, index);
  };
  return (
    <section className="trading__section sweep" data-testid="backtest-sweep">
      <SweepSetup disabled={running !== null} />
      <div className="backtest__run">
        <button
          type="button"
          className="primary"
          data-testid="sweep-run"
          disabled={reason !== null || running !== null}
          title={reason ?? 'Backtest every combination on the data and venue model above'}
          onClick={() => {
            if (patch && 'config' in check) void session.run(patch, check.config);
          }}
        >
          {'config' in check ? `Run sweep (${check.runs} backtests)` : 'Run sweep'}
        </button>
        {reason && form.params.length > 0 ? (
          <span className="backtest__problem" data-testid="sweep-blocked">
            {reason}
          </span>
        ) : null}
      </div>
      {running ? <SweepProgress running={running} onCancel={() => void session.cancel()} /> : null}
      {note ? (
        <p className={`backtest__note backtest__note--${note.kind}`} data-testid="sweep-note" role="status">
          {note.message}
        </p>
      ) : null}
      {outcome ? (
        <div className="sweep-result" data-testid="sweep-result" data-status={outcome.status}>
          <p className="backtest__hint" data-testid="sweep-summary">
            {outcome.rows.length} runs of {outcome.name} over {outcome.bars.count.toLocaleString('en-US')}{' '}
            bars · {outcome.search.kind === 'grid' ? 'grid' : `random, seed ${outcome.search.seed}`} · by{' '}
            {outcome.objective}
          </p>
          <SweepHeatmap outcome={outcome} selected={selected} onOpen={open} />
          <div className="backtest__run">
            <button
              type="button"
              data-testid="sweep-apply"
              disabled={selected === null || !patch}
              title={
                selected === null
                  ? 'Click a row or cell first'
                  : 'Write these params into the patch (one edit; undo takes it back)'
              }
              onClick={() => {
                if (patch && selected !== null) void session.apply(patch, selected);
              }}
            >
              Apply to patch
            </button>
            <span className="backtest__hint" data-testid="sweep-selected">
              {selected !== null
                ? Object.entries(outcome.rows[selected].params)
                    .map(([name, value]) => `${name} = ${value}`)
                    .join(', ')
                : 'Click a row or cell to backtest it, then apply it.'}
            </span>
          </div>
          <SweepTable outcome={outcome} selected={selected} onOpen={open} />
        </div>
      ) : null}
    </section>
  );
}
