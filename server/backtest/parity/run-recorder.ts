// Records a running paper run for a later parity check: per tick the time, the bar delivered
// (if any) and the value of every module output port (as a probe reads it: numbers, bools as
// 0/1, a bar by its close, order intents as NaN; the orders themselves are recorded as events),
// into the tick codec; its orders, fills and hot edits as events. Chunks are sealed into the
// bounded RecordingWriter, which writes them off the tick. When the writer's queue is full the
// recorder stops and the recording is marked truncated: a recording with a hole in it could
// only give false verdicts.
import type { Patch } from '@patchdesk/modules/patch/types';
import type { Bar } from '@patchdesk/modules/sdk/ports';
import type { ModuleRegistry } from '@patchdesk/modules/sdk/registry';
import type { Run } from '../../engine/run';
import type { BrokerEvent } from '../../trading/broker';
import { contentHash } from '../../patches/patch-files';
import { recordingEventOf } from './broker-events';
import type { RecordingEvent } from './recording-types';
import type { RecordingWriter } from './recording-writer';
import { portsMax, TickEncoder } from './tick-codec';

export interface RunRecorderOptions {
  run: Run;
  registry: ModuleRegistry;
  writer: RecordingWriter;
  /** The paper run's broker events (orders and fills). */
  onBrokerEvent: (listener: (event: BrokerEvent) => void) => void;
  /** After the recording closed (the run's market tape is saved here). */
  onClosed?: () => Promise<void>;
}

/** The output ports of a patch, as MODULE.PORT, in module order then port declaration order. */
export function outputKeysOf(patch: Patch, registry: ModuleRegistry): string[] {
  const keys: string[] = [];
  for (const module of patch.modules) {
    const outputs = registry.get(module.type)?.outputs ?? {};
    for (const port of Object.keys(outputs)) keys.push(`${module.id}.${port}`);
  }
  return keys;
}

export class RunRecorder {
  private readonly encoder = new TickEncoder();
  private keys: string[] = [];
  private values = new Float64Array(0);
  private readOutputs: (into: Float64Array) => void = () => {};
  private firstTick = 0;
  private ticks = 0;
  private truncated = false;
  /** Wall time spent in onTick, for the cost per tick. */
  private spentMs = 0;

  constructor(private readonly options: RunRecorderOptions) {
    const { run } = options;
    this.layout(run.kernel.patch);
    run.events.on('tick', (timeMs, bar) => this.onTick(timeMs, bar));
    run.events.on('patched', (patch, beforeTickMs) => this.onPatched(patch, beforeTickMs));
    options.onBrokerEvent((event) => this.onBrokerEvent(event));
  }

  get ticksRecorded(): number {
    return this.ticks;
  }

  get isTruncated(): boolean {
    return this.truncated;
  }

  /** Mean wall time the recorder took per tick, in ms (performance.now resolution). */
  get meanTickCostMs(): number {
    return this.ticks === 0 ? 0 : this.spentMs / this.ticks;
  }

  /** Seals the last chunk and writes the end; resolves when the store has it. */
  async finish(reason: string | null): Promise<void> {
    if (!this.truncated) this.seal();
    await this.options.writer.close(this.truncated ? 'truncated' : 'complete', reason);
    await this.options.onClosed?.();
  }

  private layout(patch: Patch): void {
    const keys = outputKeysOf(patch, this.options.registry);
    // a patch too large to record whole is not recorded at all (parity says so)
    if (keys.length > portsMax) {
      this.truncated = true;
      return;
    }
    this.keys = keys;
    if (this.values.length !== keys.length) this.values = new Float64Array(keys.length);
    this.readOutputs = this.options.run.kernel.outputReader(keys);
    this.encoder.begin(keys);
  }

  private onTick(timeMs: number, bar: Bar | null): void {
    if (this.truncated) return;
    const startedMs = performance.now();
    if (!this.encoder.hasRoom) this.seal();
    this.readOutputs(this.values);
    this.encoder.add(timeMs, bar, this.values);
    this.ticks++;
    this.spentMs += performance.now() - startedMs;
  }

  private seal(): void {
    if (this.encoder.ticks === 0) return;
    const chunk = this.encoder.seal();
    if (!this.options.writer.appendChunk({ ...chunk, firstTick: this.firstTick })) {
      this.truncated = true;
      return;
    }
    this.firstTick += chunk.tickCount;
  }

  /** A hot edit went in before the next tick: a new chunk for its ports, and an event naming it. */
  private onPatched(patch: Patch, beforeTickMs: number | null): void {
    if (this.truncated) return;
    this.seal();
    if (this.truncated) return;
    const atMs = beforeTickMs ?? this.options.run.status().tick.lastTickAtMs;
    this.event({ kind: 'patched', tick: this.ticks, atMs, payload: { patchHash: contentHash(patch) } });
    this.layout(patch);
  }

  private onBrokerEvent(event: BrokerEvent): void {
    if (this.truncated) return;
    // the broker acts inside a tick (its beforeTick/afterTick), before the run's tick event
    const recorded = recordingEventOf(event, this.ticks);
    if (recorded) this.event(recorded);
  }

  private event(event: RecordingEvent): void {
    if (!this.options.writer.appendEvent(event)) this.truncated = true;
  }
}
