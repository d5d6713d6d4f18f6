// The paper run of the open patch as TradeHub streams it (snapshot, then a frame per tick), for
// the Trading panel, the kill switch and the order badges on the canvas.
import { create } from 'zustand';
import type { TradeOrder, TradingFrame, TradingSnapshot } from '@patchdesk/modules/contracts/trading';
import { applyOrderUpdate, applyTradingFrame, viewFromSnapshot } from './trading-reducer';
import type { TradingView } from './trading-reducer';

export interface TradingState {
  /** null until a paper run's snapshot arrived for the open patch. */
  view: TradingView | null;
  /** True while the stream is open (the run is live); false once it ended or failed. */
  live: boolean;
  /** Why the stream is not live, in words (run ended, not a paper run, hub down). */
  note: string | null;
  applyMessage(message: TradingSnapshot | TradingFrame): void;
  applyOrder(order: TradeOrder): void;
  setKillSwitch(on: boolean): void;
  setLive(live: boolean, note?: string | null): void;
  clear(): void;
}

export const useTradingStore = create<TradingState>()((set, get) => ({
  view: null,
  live: false,
  note: null,
  applyMessage(message) {
    if (message.kind === 'snapshot') {
      set({ view: viewFromSnapshot(message), live: true, note: null });
      return;
    }
    const view = get().view;
    // A frame before any snapshot has nothing to apply to; the stream always opens with one.
    if (!view) return;
    const next = applyTradingFrame(view, message);
    if (next !== view) set({ view: next });
  },
  applyOrder(order) {
    const view = get().view;
    if (view) set({ view: applyOrderUpdate(view, order) });
  },
  setKillSwitch(killSwitch) {
    const view = get().view;
    if (view && view.killSwitch !== killSwitch) set({ view: { ...view, killSwitch } });
  },
  setLive(live, note = null) {
    set({ live, note });
  },
  clear() {
    set({ view: null, live: false, note: null });
  },
}));
