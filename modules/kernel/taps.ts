// Probe taps: a ring buffer per tapped output, written when that output emits. Only tapped
// positions pay for this (the tick checks one flag per stepped module).
import type { Bar, PortType } from '../sdk/ports';
import type { Plan } from './plan';
import type { ProbeTap } from './types';

export const defaultTapCapacity = 4096;
export const tapCapacityMax = 1 << 24;

export class ProbeTapRecorder implements ProbeTap {
  recorded = 0;
  attached = true;
  readonly timesMs: Float64Array;
  readonly values: Float64Array;
  /** Where the tapped output lives in the current plan; updated by a hot patch. */
  position = -1;
  slot = -1;
  portType: PortType = 'number';

  constructor(
    readonly key: string,
    readonly moduleId: string,
    readonly port: string,
    readonly capacity: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > tapCapacityMax) {
      throw new Error(`tap ${key}: capacity ${capacity} must be an integer in [1, ${tapCapacityMax}]`);
    }
    this.timesMs = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  record(timeMs: number, value: number): void {
    const index = this.recorded % this.capacity;
    this.timesMs[index] = timeMs;
    this.values[index] = value;
    this.recorded++;
  }

  latestValue(): number {
    return this.recorded === 0 ? Number.NaN : this.values[(this.recorded - 1) % this.capacity];
  }

  latestTimeMs(): number {
    return this.recorded === 0 ? Number.NaN : this.timesMs[(this.recorded - 1) % this.capacity];
  }
}

/** An output's value as a probe shows it: numbers as is, bool 0/1, a bar by its close, else NaN. */
export function probeValue(plan: Plan, slot: number, type: PortType): number {
  if (type === 'number' || type === 'bool') return plan.numbers[slot];
  if (type !== 'bar') return Number.NaN;
  const bar = plan.references[slot] as Bar | null;
  return bar === null ? Number.NaN : bar.close;
}

/** Split `MODULE.PORT` at the last dot (module ids may contain dots, port names do not). */
export function splitPortKey(key: string): { moduleId: string; port: string } {
  const dot = key.lastIndexOf('.');
  if (dot <= 0 || dot === key.length - 1) throw new Error(`"${key}" is not a MODULE.PORT key`);
  return { moduleId: key.slice(0, dot), port: key.slice(dot + 1) };
}

/**
 * Record every tap on the position's outputs (called when the position emitted). Written out
 * in full rather than through record()/probeValue(): a double passed to or returned from a
 * call that V8 does not inline is boxed, and this runs on the tick's hot path.
 */
export function recordTaps(plan: Plan, position: number, context: { readonly timeMs: number }): void {
  const taps = plan.tapsAt[position];
  if (taps === null) return;
  const timeMs = context.timeMs;
  for (let i = 0; i < taps.length; i++) {
    const tap = taps[i];
    const index = tap.recorded % tap.capacity;
    tap.timesMs[index] = timeMs;
    const type = tap.portType;
    if (type === 'number' || type === 'bool') {
      tap.values[index] = plan.numbers[tap.slot];
    } else if (type === 'bar') {
      const bar = plan.references[tap.slot] as Bar | null;
      if (bar === null) tap.values[index] = Number.NaN;
      else tap.values[index] = bar.close;
    } else {
      tap.values[index] = Number.NaN;
    }
    tap.recorded++;
  }
}
