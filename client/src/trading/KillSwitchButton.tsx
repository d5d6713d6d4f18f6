// Always in the toolbar during a paper run: one click, no confirmation, cancels every working
// order and closes every position at market; a kill-switch gate in the patch then refuses new
// orders. While on, it says so and offers the reset.
import { useState } from 'react';
import { useEditor } from '../session/editor';
import { useTradingStore } from '../stores/trading-store';

export function KillSwitchButton() {
  const { trading } = useEditor();
  const on = useTradingStore((state) => state.view?.killSwitch === true);
  const [busy, setBusy] = useState(false);
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  if (on) {
    return (
      <button
        type="button"
        className="kill-switch kill-switch--on"
        data-testid="kill-switch-reset"
        data-state="on"
        disabled={busy}
        title="A kill-switch gate in the patch refuses new orders. Click to let them through again."
        onClick={() => void act(() => trading.resetKillSwitch())}
      >
        Kill switch on — reset
      </button>
    );
  }
  return (
    <button
      type="button"
      className="kill-switch"
      data-testid="kill-switch"
      data-state="off"
      disabled={busy}
      title="Cancel every open order, close every position at market, and turn the kill switch on (a risk/kill-switch gate then refuses new orders)"
      onClick={() => void act(() => trading.killSwitch())}
    >
      KILL SWITCH
    </button>
  );
}
