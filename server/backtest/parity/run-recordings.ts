// The server's side of run recordings: starts a recorder for each paper run (its row created
// before the run's first tick) and answers parity checks, on the store the journal uses (opened
// lazily, like the journal's).
import type { Logger } from 'pino';
import {
  recordingsListedMax,
  type ParityReport,
  type RecordingSummary,
} from '@patchdesk/modules/contracts/parity';
import type { Patch } from '@patchdesk/modules/patch/types';
import type { ModuleRegistry } from '@patchdesk/modules/sdk/registry';
import type { MarketTape } from '../../engine/market-tape';
import type { Run } from '../../engine/run';
import { contentHash } from '../../patches/patch-files';
import type { Store } from '../../store/open-store';
import type { TradingSession } from '../../trading/session/trading-session';
import { checkParity } from './check-parity';
import { readRecording } from './read-recording';
import { RecordingStore } from './recording-store';
import type { RecordingConfig } from './recording-types';
import { RecordingWriter } from './recording-writer';
import { RunRecorder } from './run-recorder';

export interface RecordingStart {
  runId: string;
  patchName: string;
  patch: Patch;
  config: RecordingConfig;
  run: Run;
  session: TradingSession;
  /** The run's market tape when it reads streams (config.market): saved when the recording closes. */
  tape?: MarketTape | null;
}

export class RunRecordings {
  constructor(
    /** The server's LazyStore, or any opener of a store (tests). */
    private readonly store: { get(): Promise<Store> },
    private readonly registry: ModuleRegistry,
    private readonly logger: Logger,
  ) {}

  /** Creates the recording's row and attaches a recorder to the run (call before run.start()). */
  async start(given: RecordingStart): Promise<RunRecorder> {
    const recordings = await this.recordingStore();
    await recordings.create({
      runId: given.runId,
      patchName: given.patchName,
      patchHash: contentHash(given.patch),
      patch: given.patch,
      config: given.config,
      createdAtMs: Date.now(),
    });
    const logger = this.logger.child({ run: given.patchName, recording: given.runId });
    const tape = given.tape ?? null;
    const writer = new RecordingWriter(recordings.sinkFor(given.runId), {
      onWriteError: (error, attempt, givenUp) =>
        logger.warn({ err: error, attempt, givenUp }, 'run recording write failed'),
    });
    return new RunRecorder({
      run: given.run,
      registry: this.registry,
      writer,
      onBrokerEvent: (listener) => given.session.broker.onEvent(listener),
      ...(tape ? { onClosed: () => recordings.saveTape(given.runId, tape) } : {}),
    });
  }

  /** Re-runs the recorded run as a backtest and compares; throws RecordingError for a missing or damaged one. */
  async check(runId: string): Promise<ParityReport> {
    return checkParity(await readRecording(await this.recordingStore(), runId), this.registry);
  }

  async list(patchName: string): Promise<RecordingSummary[]> {
    return (await this.recordingStore()).list(recordingsListedMax, patchName);
  }

  private async recordingStore(): Promise<RecordingStore> {
    return new RecordingStore((await this.store.get()).db);
  }
}
