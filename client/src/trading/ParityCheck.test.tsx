// @vitest-environment jsdom
// The Parity check button: it asks TradeHub for the patch's newest recording, checks that run,
// and shows the verdict, the first divergence and the fill differences, or why it could not.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParityReport, RecordingSummary } from '@patchdesk/modules/contracts/parity';
import type { Editor } from '../session/editor';
import { EditorContext } from '../session/editor';
import { TradingSession } from '../session/trading-session';
import { useGraphStore } from '../stores/graph-store';
import { sampleDocument } from '../test-support/fixtures';
import { ParityCheck } from './ParityCheck';
import { divergingReport, parityReport } from './parity-fixtures';

const recording = (runId: string): RecordingSummary => ({
  runId,
  patchName: 'demo',
  state: 'complete',
  ticks: 432,
  createdAtMs: 1,
});

/** TradeHub answering recordings and parity as given, recording each call. */
function renderCheck(recordings: RecordingSummary[], parity: (runId: string) => ParityReport) {
  const calls: unknown[][] = [];
  const hub = {
    isConnected: true,
    onConnected: () => () => undefined,
    stream: () => ({ subscribe: () => ({ dispose: () => undefined }) }),
    invoke: async (method: string, ...args: unknown[]) => {
      calls.push([method, ...args]);
      if (method === 'recordings') return recordings;
      if (method === 'parity') return parity(args[0] as string);
      throw new Error(`unexpected ${method}`);
    },
  };
  const hubs = { trades: hub, risk: hub } as unknown as ConstructorParameters<typeof TradingSession>[0];
  const editor = { trading: new TradingSession(hubs, () => undefined) } as unknown as Editor;
  render(
    <EditorContext.Provider value={editor}>
      <ParityCheck />
    </EditorContext.Provider>,
  );
  return calls;
}

const press = () => act(async () => fireEvent.click(screen.getByTestId('parity-check')));

describe('Parity check', () => {
  beforeEach(() => useGraphStore.getState().loadDocument({ ...sampleDocument(1), name: 'demo' }));
  afterEach(() => cleanup());

  it('checks the newest recording and says identical', async () => {
    const calls = renderCheck([recording('demo:new'), recording('demo:old')], (runId) =>
      parityReport({ runId }),
    );
    expect(screen.queryByTestId('parity-result')).toBeNull();
    await press();
    expect(calls).toEqual([
      ['recordings', 'demo'],
      ['parity', 'demo:new'],
    ]);
    expect(screen.getByTestId('parity-verdict').textContent).toBe('identical over 432 ticks');
    expect(screen.getByTestId('parity-result').getAttribute('data-identical')).toBe('true');
    expect(screen.getByTestId('parity-result').textContent).toContain('Run demo:new');
    expect(screen.queryByTestId('parity-divergence')).toBeNull();
    expect(screen.getByTestId('parity-fills').textContent).toBe(
      'Fills: 3 in the run, 3 in the backtest, 0 differ.',
    );
  });

  it('shows the first diverging tick, module, port, both values and the fill differences', async () => {
    renderCheck([recording('demo:new')], () => divergingReport());
    await press();
    expect(screen.getByTestId('parity-verdict').textContent).toBe(
      'differs from tick 12: an output value differs',
    );
    expect(screen.getByTestId('parity-divergence-tick').textContent).toBe('Tick12 (2023-11-14 22:25)');
    expect(screen.getByTestId('parity-divergence-module').textContent).toBe('Moduleema-fast');
    expect(screen.getByTestId('parity-divergence-port').textContent).toBe('Portout');
    expect(screen.getByTestId('parity-divergence-run').textContent).toBe('Run101.5');
    expect(screen.getByTestId('parity-divergence-backtest').textContent).toBe('Backtest101.25');
    const [difference] = screen.getAllByTestId('parity-fill-difference');
    expect(difference.textContent).toContain('Fill 0: price +0.5, time +0 ms');
    expect(difference.textContent).toContain('run buy 0.01 @ 50000.5');
    expect(difference.textContent).toContain('backtest buy 0.01 @ 50001');
  });

  it('says so when there is no recording, and gives the reason of a refusal', async () => {
    renderCheck([], () => parityReport());
    await press();
    expect(screen.getByTestId('parity-error').textContent).toBe('No recorded paper run of demo yet.');
    cleanup();
    renderCheck([recording('demo:x')], () => {
      throw new Error('the recording of run "demo:x" is corrupt');
    });
    await press();
    expect(screen.getByTestId('parity-error').textContent).toBe(
      'Parity check failed: the recording of run "demo:x" is corrupt',
    );
    expect(screen.queryByTestId('parity-result')).toBeNull();
  });
});
