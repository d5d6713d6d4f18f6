// Keeps the last minutes of every probe of every running patch (paper, live or replay), so that
// ProbeHub.history can hand a client that connects, reconnects or scrubs what it did not see.
// The probes are the patch's saved ones (its view), read at each tick, so toggling a probe in
// any editor starts keeping it. Bounded: one ProbeRing per patch (capacity points per probe),
// at most `patchesMax` patches (a stopped patch's ring is dropped first).
import type { RunManager } from '../engine/run-manager';
import { ProbeRing, type ProbeRingColumns } from './probe-ring';

export const probeKeptMinutesDefault = 240;
export const probeKeptMinutesMax = 7 * 24 * 60;
/** Per probe: four hours of one-minute bars fit many times over; a 10 Hz tick stream, 33 minutes. */
export const probeKeptPointsMax = 20_000;
export const probeKeptPatchesMax = 32;

/** PATCHDESK_PROBE_MINUTES: undefined (the default) when unset; a whole number of minutes in range, else an error saying so. */
export function probeKeptMinutesOf(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const minutes = Number(text);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > probeKeptMinutesMax)
    throw new Error(
      `PATCHDESK_PROBE_MINUTES is "${text}": give whole minutes from 1 to ${probeKeptMinutesMax}`,
    );
  return minutes;
}

type KeeperRuns = Pick<RunManager, 'onStatus' | 'watchTicks' | 'isRunning'>;

export interface ProbeKeeperOptions {
  /** Data-time minutes kept (default 240). */
  keptMinutes?: number;
  pointsMax?: number;
  patchesMax?: number;
}

export interface KeptProbes extends ProbeRingColumns {
  /** The span kept, in data-time ms. */
  keptMs: number;
}

export class ProbeKeeper {
  readonly #rings = new Map<
    string,
    { ring: ProbeRing; ports: readonly string[] | undefined; stop: () => void }
  >();
  readonly #keptMs: number;
  readonly #pointsMax: number;
  readonly #patchesMax: number;
  readonly #stopStatus: () => void;

  constructor(
    private readonly runs: KeeperRuns,
    /** The patch's probes now (its view); undefined when it has none saved. */
    private readonly probesOf: (patchName: string) => readonly string[] | undefined,
    options: ProbeKeeperOptions = {},
  ) {
    const minutes = options.keptMinutes ?? probeKeptMinutesDefault;
    if (!(minutes > 0 && minutes <= probeKeptMinutesMax))
      throw new Error(`probe history: ${minutes} minutes is outside 1-${probeKeptMinutesMax}`);
    this.#keptMs = minutes * 60_000;
    this.#pointsMax = options.pointsMax ?? probeKeptPointsMax;
    this.#patchesMax = options.patchesMax ?? probeKeptPatchesMax;
    this.#stopStatus = runs.onStatus((status) => {
      if (status.state === 'running') this.#keep(status.patchName);
    });
  }

  get keptMs(): number {
    return this.#keptMs;
  }

  /** The kept points of these ports (all null for a port not kept); empty for a patch not kept. */
  history(patchName: string, ports: readonly string[]): KeptProbes {
    const kept = this.#rings.get(patchName);
    const columns = kept ? kept.ring.columns(ports) : { timeMs: [], values: ports.map(() => []) };
    return { ...columns, keptMs: this.#keptMs };
  }

  close(): void {
    this.#stopStatus();
    for (const kept of this.#rings.values()) kept.stop();
    this.#rings.clear();
  }

  #keep(patchName: string): void {
    if (this.#rings.has(patchName)) return;
    this.#evict();
    const ring = new ProbeRing(this.#pointsMax, this.#keptMs);
    const kept = { ring, ports: undefined as readonly string[] | undefined, stop: () => undefined as void };
    kept.stop = this.runs.watchTicks(patchName, (timeMs, read) => {
      const ports = this.probesOf(patchName);
      // The view's array is replaced on every change: a new one is the only cue needed.
      if (ports !== kept.ports) {
        kept.ports = ports;
        ring.setPorts(ports ?? []);
      }
      ring.push(timeMs, read);
    });
    this.#rings.set(patchName, kept);
  }

  /** Room for one more: drop the oldest stopped patch's ring, else the oldest. */
  #evict(): void {
    if (this.#rings.size < this.#patchesMax) return;
    const names = [...this.#rings.keys()];
    const victim = names.find((name) => !this.runs.isRunning(name)) ?? names[0];
    this.#rings.get(victim)?.stop();
    this.#rings.delete(victim);
  }
}
