// "Parity check" in the Trading panel: re-runs the patch's newest recorded paper run as a
// backtest on exactly the events it delivered (TradeHub.parity) and shows the answer:
// identical, or the first diverging tick, module and port with both values, and the fills that
// differ. On request only: the backtest of a long run takes seconds on the server.
import { useState } from 'react';
import type { ParityReport } from '@patchdesk/modules/contracts/parity';
import { useEditor } from '../session/editor';
import type { ParityOutcome } from '../session/trading-session';
import { formatBarTime } from './format-trading';
import {
  describeDivergenceKind,
  describeFillDifference,
  describeParityFill,
  parityHeadline,
} from './parity-view';

function Divergence({ report }: { report: ParityReport }) {
  const first = report.firstDivergence;
  if (!first) return null;
  const rows: [string, string][] = [
    ['Tick', `${first.tick} (${formatBarTime(first.timeMs)})`],
    ['Why', describeDivergenceKind(first.kind)],
    ['Module', first.moduleId ?? '—'],
    ['Port', first.port ?? '—'],
    ['Run', first.recorded],
    ['Backtest', first.replayed],
  ];
  return (
    <table className="trading-table parity__divergence" data-testid="parity-divergence">
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label} data-testid={`parity-divergence-${label.toLowerCase()}`}>
            <th>{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FillDifferences({ report }: { report: ParityReport }) {
  const { fills } = report;
  return (
    <>
      <p className="parity__line" data-testid="parity-fills">
        Fills: {fills.recorded} in the run, {fills.replayed} in the backtest, {fills.differing} differ.
      </p>
      {fills.differences.length > 0 ? (
        <ul className="parity__fills">
          {fills.differences.map((difference) => (
            <li key={difference.index} data-testid="parity-fill-difference">
              Fill {difference.index}: {describeFillDifference(difference)} — run{' '}
              {describeParityFill(difference.recorded)}; backtest {describeParityFill(difference.replayed)}
            </li>
          ))}
        </ul>
      ) : null}
      {fills.differing > fills.differences.length ? (
        <p className="trading__more">
          First {fills.differences.length} of {fills.differing} shown.
        </p>
      ) : null}
    </>
  );
}

function ParityResult({ report }: { report: ParityReport }) {
  return (
    <div className="parity__result" data-testid="parity-result" data-identical={String(report.identical)}>
      <p
        className={`parity__verdict ${report.identical ? 'trading--up' : 'trading--down'}`}
        data-testid="parity-verdict"
        title={report.verdict}
      >
        {parityHeadline(report)}
      </p>
      <p className="parity__line">
        Run {report.runId}, recording {report.recordingState}: {report.ticksRecorded} ticks recorded,{' '}
        {report.ticksReplayed} compared.
      </p>
      <Divergence report={report} />
      <FillDifferences report={report} />
      {report.edits.map((edit) => (
        <p className="parity__line" key={edit.tick} data-testid="parity-edit">
          Hot edit at tick {edit.tick} ({formatBarTime(edit.timeMs)}): {edit.patchHash.slice(0, 12)}
        </p>
      ))}
    </div>
  );
}

export function ParityCheck() {
  const { trading } = useEditor();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ParityOutcome | null>(null);
  const check = async () => {
    setBusy(true);
    try {
      setOutcome(await trading.checkParity());
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="trading__section parity" data-testid="parity">
      <h3 className="trading__heading">
        Parity with a backtest
        <button
          type="button"
          className="parity__button"
          data-testid="parity-check"
          disabled={busy}
          title="Re-run the newest recorded paper run of this patch as a backtest on exactly the events it saw, and compare tick by tick"
          onClick={() => void check()}
        >
          {busy ? 'Checking…' : 'Parity check'}
        </button>
      </h3>
      {outcome && !outcome.ok ? (
        <p className="trading__empty" data-testid="parity-error">
          {outcome.reason}
        </p>
      ) : null}
      {outcome?.ok ? <ParityResult report={outcome.report} /> : null}
    </section>
  );
}
