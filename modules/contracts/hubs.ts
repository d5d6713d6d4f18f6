// Hub contracts: method names and payload types, declared once. The server implements them
// (server/hubs/*-hub.ts) and the client imports them as types. Pure types and constants.
import type { CatalogEntry } from '../sdk/registry';
import type { ParamValue } from '../sdk/params';
import type { Cable, Patch, PatchEdit, PatchModule, PatchView, Position, Problem } from '../patch/types';
import type { PatchDiff } from '../patch/diff-types';

export const hubPaths = {
  patch: '/hubs/patch',
  probe: '/hubs/probe',
  state: '/hubs/state',
  logs: '/hubs/logs',
  market: '/hubs/market',
  trades: '/hubs/trades',
  risk: '/hubs/risk',
} as const;

// ---------- PatchHub ----------
export interface PatchSummary {
  name: string;
  description: string;
  /** Newest saved version, 0 when never saved. */
  latestVersion: number;
  /** True when the working copy has edits not yet saved. */
  dirty: boolean;
  running: boolean;
  /** Set when the patch's file could not be read; it is listed so the quant can repair it. */
  error?: string;
}

/** The server-side working copy of a patch: what every editor of it sees. */
export interface PatchDocument {
  name: string;
  patch: Patch;
  /** Saved version the working copy is based on (0 for none). */
  baseVersion: number;
  /** Increments with every applied edit; broadcasts carry it so clients detect gaps. */
  revision: number;
  dirty: boolean;
}

export interface VersionInfo {
  version: number;
  hash: string;
  message: string;
  savedAtMs: number;
}

export type EditResult = { ok: true; revision: number } | { ok: false; problems: Problem[] };

export interface PatchHubMethods {
  getCatalog(): CatalogEntry[];
  listPatches(): PatchSummary[];
  getPatch(name: string): PatchDocument;
  createPatch(name: string, description?: string): PatchDocument;
  renamePatch(name: string, newName: string): PatchDocument;
  addModule(name: string, module: PatchModule): EditResult;
  removeModule(name: string, moduleId: string): EditResult;
  moveModule(name: string, moduleId: string, position: Position): EditResult;
  connect(name: string, cable: Cable): EditResult;
  disconnect(name: string, cable: Cable): EditResult;
  setParam(name: string, moduleId: string, param: string, value: ParamValue): EditResult;
  /** The view saved with the patch (its probes); a running patch is not hot-patched for it. */
  setView(name: string, view: PatchView): EditResult;
  /** Several edits applied atomically (paste, delete selection, undo of a group). */
  applyEdits(name: string, edits: PatchEdit[]): EditResult;
  savePatch(name: string, message: string, baseVersion: number): VersionInfo;
  listVersions(name: string): VersionInfo[];
  /** The content of one saved version (the editor's merge view reads base and theirs). */
  getVersion(name: string, version: number): Patch;
  diffVersions(name: string, fromVersion: number, toVersion: number): PatchDiff;
  restoreVersion(name: string, version: number): PatchDocument;
}

/** Server -> client events on PatchHub (sent to the group of a patch's editors). */
export interface PatchHubEvents {
  patchEdited(name: string, edits: PatchEdit[], revision: number): void;
  patchReplaced(document: PatchDocument): void;
  patchSaved(name: string, version: VersionInfo): void;
}

// ---------- ProbeHub ----------
/** One probe frame: the tick time and the current values of the subscribed ports, in order. */
export interface ProbeFrame {
  subscriptionId: string;
  timeMs: number;
  /**
   * The server sends a Float64Array. On the wire it is MessagePack bin (little-endian float64
   * bytes, so the client sees a Uint8Array) or, under JSON, a number array with NaN as null.
   */
  values: Float64Array | Uint8Array | (number | null)[];
}

/** The last minutes of probes the server kept for a patch's run (ProbeHub.history). */
export interface ProbeHistoryColumns {
  timeMs: number[];
  /** In the order asked for; null where a probe had no value or was not kept. */
  values: (number | null)[][];
  /** The span of data time kept, ms. */
  keptMs: number;
}

export interface ProbeHubMethods {
  /** Server stream of frames, at most 30 a second, coalesced. Ports as `MODULE.PORT`. */
  subscribe(patchName: string, ports: string[], subscriptionId: string): AsyncIterable<ProbeFrame>;
  unsubscribe(subscriptionId: string): boolean;
  /** What the server kept of these probes over the patch's run (the patch's saved probes). */
  history(patchName: string, ports: string[]): ProbeHistoryColumns;
}

// ---------- StateHub ----------
/** One market stream a run reads: a venue id of the venue registry and a ccxt unified symbol. */
export interface MarketStreamRef {
  venue: string;
  symbol: string;
}

export interface RunConfig {
  /**
   * Bars to replay: a dataset id from listDatasets ('sample', the bundled sample, by default).
   * Never a path: the server only reads the sample and the CSV files of its data folders.
   */
  dataset?: string;
  /** Bars delivered per 100 ms tick in live replay (default 1). */
  barsPerTick?: number;
  /**
   * Live replay: at the end of the data, start another pass (default false: the run ends there).
   * Each pass replays the data's own times with freshly started modules; no date is invented.
   */
  loop?: boolean;
  /**
   * 'replay' (default) computes signals only; 'paper' also trades the patch's order intents on
   * the simulated venue (TradeHub and RiskHub show the account). A paper run never loops: the
   * simulated venue cannot go back in time.
   */
  mode?: 'replay' | 'paper';
  /** The simulated venue of a paper run; every field has a default. */
  venue?: PaperVenueModel;
  /**
   * The market streams the run's market sources read, in order (a source's `stream` param is
   * an index into this list; at most 32, no pair twice). Filled live from the server's market
   * bus (venue connectors, or the venue workers over Redis): each stream turns stale after 10 s
   * without an event, and risk/stale-data refuses orders on a stale stream of their symbol.
   */
  streams?: MarketStreamRef[];
  /**
   * A paper run writes its orders, fills and ledger transfers to the server's store, in order,
   * off the tick (default true when the server has a store).
   */
  journal?: boolean;
  /**
   * Resume the patch's newest paper run that did not end cleanly (the server stopped or
   * crashed): its data and venue come from its journal, the bars it had reached replay fast,
   * every regenerated order, fill and transfer is checked against the journal, and it goes on
   * live from there. Refused when the patch changed since.
   */
  resume?: boolean;
}

/** Venue model of a paper run (fee rates are fractions: 0.0005 = 5 bps, as ccxt gives them). */
export interface PaperVenueModel {
  /** Unified ccxt symbol of the traded perpetual, e.g. 'BTC/USDT:USDT'. */
  symbol?: string;
  startingBalance?: number;
  makerFee?: number;
  takerFee?: number;
  slippageBps?: number;
  /** Largest fraction of a bar's volume one order may take. */
  participationCap?: number;
  leverage?: number;
  marginMode?: 'cross' | 'isolated';
}

export interface TickStatistics {
  ticks: number;
  meanTickMs: number;
  maxTickMs: number;
  overruns: number;
  lastTickAtMs: number;
  /** Grid slots the live clock passed over because it was late (0 in virtual runs). */
  skippedTicks?: number;
  /**
   * How late ticks started after their slot time, in ms: p50 and p99 over the last 1,024
   * ticks, max over the whole run (all 0 in virtual runs, which have no wall-clock slots).
   */
  latenessMs?: LatenessStatistics;
}

export interface LatenessStatistics {
  p50: number;
  p99: number;
  max: number;
}

export interface RunStatus {
  patchName: string;
  state: 'running' | 'stopped' | 'error';
  reason: string | null;
  startedAtMs: number | null;
  barsDelivered: number;
  tick: TickStatistics;
  /** 'paper' when the run trades on the simulated venue. */
  mode?: 'replay' | 'paper';
  /** Pass over the data of a live replay: 1, then 2, ... when it loops. Absent for other runs. */
  pass?: number;
}

/** A run's `reason` when it stopped because the data ended (shown as "ended"). */
export const runEndedReason = 'end of bars';

/** Bar data a run can replay. */
export interface DatasetInfo {
  /** What a run config names: 'sample', or a CSV file name from an operator's data folder. */
  id: string;
  source: 'bundled' | 'data folder';
  bytes: number;
}

export interface StateHubMethods {
  start(patchName: string, runConfig?: RunConfig): RunStatus;
  stop(patchName: string): RunStatus;
  getStatus(): RunStatus[];
  listDatasets(): DatasetInfo[];
}

export interface StateHubEvents {
  status(status: RunStatus): void;
}

// ---------- LogHub ----------
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface LogRecord {
  timeMs: number;
  level: LogLevel;
  message: string;
  run: string | null;
  fields: Record<string, unknown>;
}

export interface LogFilter {
  minLevel?: LogLevel;
  run?: string;
}

export interface LogHubMethods {
  /** The recent records still in the server's ring (up to 500), then live ones, filtered. */
  stream(filter: LogFilter): AsyncIterable<LogRecord>;
}

// ---------- MarketHub ----------
/** The newest ticker of one venue and symbol, with its stream's stale flag. */
export interface MarketTicker {
  venue: string;
  /** ccxt's unified symbol, e.g. "BTC/USDT:USDT". */
  symbol: string;
  last: number;
  bid: number | null;
  ask: number | null;
  change24h: number | null;
  /** The venue's mark price (from its mark or premium-index stream), null until one arrived. */
  markPrice: number | null;
  indexPrice: number | null;
  /** Funding rate per interval as a fraction (positive: longs pay shorts), null until known. */
  fundingRate: number | null;
  /** When the next funding is paid, UTC ms, null when the venue does not say. */
  nextFundingTimeMs: number | null;
  exchangeTimeMs: number;
  receivedAtMs: number;
  /** No ticker within the venue's staleAfterMs: do not trade on it. */
  stale: boolean;
}

/** All tickers matching a subscription, sent when any of them (or a stale flag) changed. */
export interface MarketTickerFrame {
  timeMs: number;
  tickers: MarketTicker[];
}

export interface MarketTickerFilter {
  /** Venue ids (ccxt ids); absent or empty for all. */
  venues?: string[];
  /** Unified symbols; absent or empty for all. */
  symbols?: string[];
}

export interface MarketStreamStatus {
  symbol: string;
  channel: string;
  stale: boolean;
  lastEventAtMs: number | null;
  events: number;
  dropped: number;
  reconnects: number;
  resyncs: number;
  /**
   * For a venue streamed by a worker process: the age of the stream's last event when the
   * server answered (null before the first event). Absent for the server's own connectors.
   */
  lastEventAgeMs?: number | null;
}

/** What a venue worker (`patchdesk worker --venue`) last reported about itself over Redis. */
export interface VenueWorkerReport {
  /** The worker's clock when it wrote the report. */
  reportedAtMs: number;
  /** Age of that report when the server answered. */
  reportAgeMs: number;
  /** Events the worker sent to the Redis stream, and those it dropped (outbox full). */
  published: number;
  publishDropped: number;
  /** Events waiting in its outbox (Redis slow or down). */
  outbox: number;
  bars: number;
  lateTrades: number;
}

export interface VenueStatus {
  venue: string;
  label: string;
  /** 'unreachable' when the venue cannot be reached (no network, refused, rate limited). */
  state: 'connecting' | 'live' | 'unreachable' | 'stopped';
  reason: string | null;
  streams: MarketStreamStatus[];
  /** Present when the venue is streamed by a worker process rather than by the server. */
  worker?: VenueWorkerReport;
}

export interface MarketHubMethods {
  /** The configured venues and their health (empty when none are configured). */
  getVenues(): VenueStatus[];
  /**
   * The symbols the server knows for a venue (its configured streams and the tickers seen),
   * sorted, at most 2,000; empty for a venue it does not stream. For the run config's pickers.
   */
  getMarkets(venue: string): string[];
  /** Server stream of ticker frames, at most 4 a second, coalesced (a slow client gets the newest). */
  tickers(filter: MarketTickerFilter): AsyncIterable<MarketTickerFrame>;
}
