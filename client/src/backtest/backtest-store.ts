// The Backtest panel's state, outside React so a run keeps streaming while another tab is shown:
// the chosen data and venue fields, the run in progress (its newest progress frame and a
// bounded trail of running equity), the result on show, the stored results and a comparison.
import { create } from 'zustand';
import type {
  BacktestComparison,
  BacktestListItem,
  BacktestOutcome,
  BacktestProgressFrame,
  BacktestStoredDataset,
} from '@patchdesk/modules/contracts/backtest';
import type { RecordedChoice } from './recorded-choice';
import { emptyVenueForm, type VenueForm } from './venue-form';

/** Running-equity points kept for the progress sparkline (frames come at most 10 a second). */
export const equityTrailMax = 600;

export type DataChoice =
  | { kind: 'sample' }
  | { kind: 'csv'; name: string; text: string | null; bars: number; problem: string | null }
  | RecordedChoice;

export interface RunningBacktest {
  id: string | null;
  /** starting: asked the server; running: frames arrive; finishing: the stream ended, the result is on its way. */
  phase: 'starting' | 'running' | 'finishing';
  frame: BacktestProgressFrame | null;
  equityTrail: number[];
  cancelRequested: boolean;
}

export interface Comparison {
  comparison: BacktestComparison;
  a: BacktestOutcome;
  b: BacktestOutcome;
}

export interface BacktestState {
  data: DataChoice;
  /** The bar series the server's store holds (BacktestHub.datasets); null until answered. */
  datasets: BacktestStoredDataset[] | null;
  venue: VenueForm;
  /** Index into paceChoices (0 = as fast as the server goes). */
  speedChoice: number;
  running: RunningBacktest | null;
  outcome: BacktestOutcome | null;
  /** What the last run or call said when it did not give a result (a refusal, a cancel). */
  note: { kind: 'error' | 'info'; message: string } | null;
  selectedTrade: number | null;
  stored: BacktestListItem[];
  /** The first list has been answered (or refused): until then the list says it is loading. */
  storedLoaded: boolean;
  /** Stored results ticked for comparison (at most two, the newest tick replaces the oldest). */
  picked: string[];
  comparison: Comparison | null;
  set(partial: Partial<Omit<BacktestState, 'set' | 'frame' | 'pick'>>): void;
  frame(frame: BacktestProgressFrame): void;
  pick(id: string): void;
}

export const useBacktestStore = create<BacktestState>()((set, get) => ({
  data: { kind: 'sample' },
  datasets: null,
  venue: emptyVenueForm,
  speedChoice: 0,
  running: null,
  outcome: null,
  note: null,
  selectedTrade: null,
  stored: [],
  storedLoaded: false,
  picked: [],
  comparison: null,
  set(partial) {
    set(partial);
  },
  frame(frame) {
    const running = get().running;
    if (!running || running.id !== frame.id) return;
    const trail =
      running.equityTrail.length >= equityTrailMax ? running.equityTrail.slice(1) : running.equityTrail;
    set({ running: { ...running, phase: 'running', frame, equityTrail: [...trail, frame.equity] } });
  },
  pick(id) {
    const picked = get().picked;
    if (picked.includes(id)) set({ picked: picked.filter((p) => p !== id) });
    else set({ picked: [...picked, id].slice(-2) });
  },
}));
