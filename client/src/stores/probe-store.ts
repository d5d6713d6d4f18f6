// Live probe values, apart from the graph document: a frame replaces only the keys whose value
// changed, and each badge selects its own key, so only the badges that changed re-render.
import { create } from 'zustand';

export interface ProbeState {
  /** Probed output ports, `MODULE.PORT`, in subscription order. */
  probes: string[];
  values: Record<string, number>;
  lastFrameAtMs: number | null;
  /** Decimals of the probes on the price's scale (editor/price-precision.ts); others absent. */
  priceDecimals: Record<string, number>;
  setPriceDecimals(byKey: Record<string, number>): void;
  setProbes(keys: readonly string[]): void;
  toggleProbe(key: string): void;
  /** Applies one frame; returns the keys whose value changed. */
  applyFrame(keys: readonly string[], timeMs: number, values: Float64Array): string[];
  clearValues(): void;
}

export const useProbeStore = create<ProbeState>()((set, get) => ({
  probes: [],
  values: {},
  lastFrameAtMs: null,
  priceDecimals: {},

  setPriceDecimals(byKey) {
    const current = get().priceDecimals;
    const keys = Object.keys(byKey);
    const same =
      keys.length === Object.keys(current).length && keys.every((key) => current[key] === byKey[key]);
    if (!same) set({ priceDecimals: byKey });
  },

  setProbes(keys) {
    set({ probes: [...new Set(keys)] });
  },

  toggleProbe(key) {
    const probes = get().probes;
    set({ probes: probes.includes(key) ? probes.filter((probe) => probe !== key) : [...probes, key] });
  },

  applyFrame(keys, timeMs, values) {
    const current = get().values;
    let changed: Record<string, number> | null = null;
    const changedKeys: string[] = [];
    const count = Math.min(keys.length, values.length);
    for (let index = 0; index < count; index += 1) {
      const key = keys[index];
      const value = values[index];
      // Object.is treats NaN as equal to NaN, so a port that stays unset stays quiet.
      if (key in current && Object.is(current[key], value)) continue;
      changed ??= {};
      changed[key] = value;
      changedKeys.push(key);
    }
    set(changed ? { values: { ...current, ...changed }, lastFrameAtMs: timeMs } : { lastFrameAtMs: timeMs });
    return changedKeys;
  },

  clearValues() {
    set({ values: {}, lastFrameAtMs: null, priceDecimals: {} });
  },
}));
