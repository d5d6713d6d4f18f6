// Parity: a paper run's recording re-run as a backtest of the same patch version on exactly the
// events the run delivered (server/backtest/parity). TradeHub.parity(runId) and
// `patchdesk parity <runId> --json` answer this report. Values are strings (String(number)
// round-trips a double exactly and keeps NaN and Infinity, which JSON cannot carry).

export type ParityDivergenceKind =
  /** An output port's value differs. */
  | 'value'
  /** The tick fell at another time. */
  | 'time'
  /** Another bar (or none) was delivered on the tick. */
  | 'bar'
  /** The backtest ended before the recorded run did. */
  | 'missing-tick'
  /** The recorded port does not exist in the backtest's patch (a hot edit added it). */
  | 'missing-port';

export interface ParityDivergence {
  kind: ParityDivergenceKind;
  /** Tick index from the run's start (0-based). */
  tick: number;
  timeMs: number;
  moduleId: string | null;
  port: string | null;
  recorded: string;
  replayed: string;
}

export interface ParityFill {
  timeMs: number;
  side: 'buy' | 'sell';
  price: number;
  quantity: number;
  fee: number;
  liquidation: boolean;
  clientOrderId: string | null;
}

export interface ParityFillDifference {
  index: number;
  recorded: ParityFill | null;
  replayed: ParityFill | null;
  /** replayed - recorded, null when one side has no fill. */
  priceDifference: number | null;
  timeDifferenceMs: number | null;
}

export interface ParityEdit {
  /** The edit ran from this tick on. */
  tick: number;
  timeMs: number;
  patchHash: string;
}

export interface ParityReport {
  runId: string;
  patchName: string;
  patchHash: string;
  /** 'recording': the run is still going (or died): the ticks recorded so far are compared. */
  recordingState: 'recording' | 'complete' | 'truncated';
  ticksRecorded: number;
  ticksReplayed: number;
  identical: boolean;
  /** One line for people: "identical over N ticks" or where and why not. */
  verdict: string;
  firstDivergence: ParityDivergence | null;
  /** Hot edits during the run; the backtest re-runs the version the run started with. */
  edits: ParityEdit[];
  fills: { recorded: number; replayed: number; differing: number; differences: ParityFillDifference[] };
  orders: {
    recorded: number;
    replayed: number;
    firstDifference: { index: number; recorded: string | null; replayed: string | null } | null;
  };
}

/** Fill differences a report lists at most (`differing` counts them all). */
export const parityFillDifferencesMax = 20;

/** A recorded paper run, as TradeHub.recordings lists them (newest first). */
export interface RecordingSummary {
  runId: string;
  patchName: string;
  state: 'recording' | 'complete' | 'truncated';
  ticks: number;
  createdAtMs: number;
}

/** Recordings TradeHub.recordings lists at most. */
export const recordingsListedMax = 20;
