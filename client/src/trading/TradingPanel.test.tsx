// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { Editor } from '../session/editor';
import { EditorContext } from '../session/editor';
import { TradingSession } from '../session/trading-session';
import { useGraphStore } from '../stores/graph-store';
import { useTradingStore } from '../stores/trading-store';
import { catalogEntries, sampleDocument } from '../test-support/fixtures';
import { account, fill, frame, order, position, riskEvent, snapshot } from '../test-support/trading-fixtures';
import { KillSwitchButton } from './KillSwitchButton';
import { TradingPanel } from './TradingPanel';

/** The two hubs the session calls, answering as the server does and recording each call. */
function recordingHubs() {
  const calls: unknown[][] = [];
  const answers: Record<string, (...args: unknown[]) => unknown> = {
    cancelOrder: (_name, id) => order(id as string, { status: 'canceled', reason: 'canceled by the user' }),
    flatten: () => order('flat1', { side: 'sell', reduceOnly: true, tag: 'manual', status: 'pending' }),
    killSwitch: () => ({ canceledOrders: 1, flattenOrders: 1, runStopped: false }),
    resetKillSwitch: () => true,
  };
  const hub = {
    isConnected: true,
    onConnected: () => () => undefined,
    stream: () => ({ subscribe: () => ({ dispose: () => undefined }) }),
    invoke: async (method: string, ...args: unknown[]) => {
      calls.push([method, ...args]);
      return answers[method](...args);
    },
  };
  return {
    calls,
    hubs: { trades: hub, risk: hub } as unknown as ConstructorParameters<typeof TradingSession>[0],
  };
}

function renderWithEditor(node: React.ReactNode) {
  const { calls, hubs } = recordingHubs();
  const errors: string[] = [];
  const trading = new TradingSession(hubs, (message) => errors.push(message));
  const editor = { trading } as unknown as Editor;
  render(<EditorContext.Provider value={editor}>{node}</EditorContext.Provider>);
  return { calls, errors };
}

describe('Trading panel', () => {
  afterEach(() => {
    cleanup();
    useTradingStore.getState().clear();
  });

  it('says how to start a paper run when there is none', () => {
    renderWithEditor(<TradingPanel chart={null} />);
    expect(screen.getByTestId('trading-panel').textContent).toContain('No paper run');
  });

  it('shows the account to the cent, positions, open orders, fills and blocked intents', () => {
    useGraphStore.getState().setCatalog(catalogEntries);
    useGraphStore.getState().loadDocument({ ...sampleDocument(1), name: 'demo' });
    renderWithEditor(<TradingPanel chart={null} />);
    act(() => {
      useTradingStore.getState().applyMessage(snapshot({ orders: [order('e1', { status: 'filled' })] }));
      useTradingStore.getState().applyMessage(
        frame(120_000, {
          account: account({
            cash: 9_999.75,
            fees: 0.25,
            unrealisedPnl: -1.5,
            equity: 9_998.25,
            freeMargin: 9_948.2,
            marginRatio: 0.0042,
          }),
          positions: [position({ size: 0.01, unrealisedPnl: -1.5, liquidationPrice: 45_454.5 })],
          orders: [
            order('e1S', {
              tag: 'orders/bracket stop-loss',
              orderType: 'stop-market',
              side: 'sell',
              triggerPrice: 49_500,
            }),
          ],
          fills: [fill('f1')],
          riskEvents: [riskEvent(120_000)],
        }),
      );
    });
    expect(screen.getByTestId('account-equity').textContent).toBe('9,998.25');
    expect(screen.getByTestId('account-cash').textContent).toBe('9,999.75');
    expect(screen.getByTestId('account-unrealisedPnl').textContent).toBe('-1.50');
    expect(screen.getByTestId('account-fees').textContent).toBe('0.25');
    expect(screen.getByTestId('account-marginRatio').textContent).toBe('0.42 %');
    expect(screen.getByTestId('position-row').textContent).toContain('45454.50');
    const rows = screen.getAllByTestId('order-row');
    expect(rows.map((row) => row.getAttribute('data-client-order-id'))).toEqual(['e1S']);
    expect(rows[0].textContent).toContain('@ 49500');
    expect(screen.getAllByTestId('fill-row')).toHaveLength(1);
    expect(screen.getByTestId('risk-event').textContent).toContain('position 0.04 would exceed the max 0.03');
    expect(screen.getByTestId('risk-event').textContent).toContain('risk/max-position');
  });

  it('cancels an order and flattens a position through TradeHub, showing the answer', async () => {
    useGraphStore.getState().loadDocument({ ...sampleDocument(1), name: 'demo' });
    const { calls } = renderWithEditor(<TradingPanel chart={null} />);
    act(() =>
      useTradingStore.getState().applyMessage(
        snapshot({
          orders: [order('L1', { orderType: 'limit', limitPrice: 49_000 })],
          positions: [position()],
        }),
      ),
    );
    await act(async () => fireEvent.click(screen.getByTestId('cancel-L1')));
    expect(calls).toContainEqual(['cancelOrder', 'demo', 'L1']);
    expect(screen.getByTestId('orders-none')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByTestId('flatten-BTC/USDT:USDT')));
    expect(calls).toContainEqual(['flatten', 'demo', 'BTC/USDT:USDT']);
    // The flatten order works until the venue fills it.
    expect(screen.getAllByTestId('order-row').map((row) => row.getAttribute('data-client-order-id'))).toEqual(
      ['flat1'],
    );
  });

  it('says that new orders are refused while the kill switch is on', () => {
    useGraphStore.getState().loadDocument({ ...sampleDocument(1), name: 'demo' });
    renderWithEditor(<TradingPanel chart={null} />);
    expect(screen.queryByTestId('trading-kill-note')).toBeNull();
    act(() => useTradingStore.getState().applyMessage(snapshot({ killSwitch: true })));
    expect(screen.getByTestId('trading-kill-note').textContent).toContain(
      'new orders are refused until it is reset',
    );
  });

  it('kill switch: one click, then a visible "on — reset" state that resets', async () => {
    useGraphStore.getState().loadDocument({ ...sampleDocument(1), name: 'demo' });
    const { calls } = renderWithEditor(<KillSwitchButton />);
    act(() => useTradingStore.getState().applyMessage(snapshot()));
    await act(async () => fireEvent.click(screen.getByTestId('kill-switch')));
    expect(calls).toContainEqual(['killSwitch', 'demo', { flatten: true, stopRun: false }]);
    const reset = screen.getByTestId('kill-switch-reset');
    expect(reset.textContent).toBe('Kill switch on — reset');
    await act(async () => fireEvent.click(reset));
    expect(calls).toContainEqual(['resetKillSwitch', 'demo']);
    expect(screen.getByTestId('kill-switch')).toBeTruthy();
  });
});
