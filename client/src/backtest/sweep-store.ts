// The sweep set-up and its run, outside React: "sweep this" on a canvas param field adds to it
// while the Backtest panel is closed, and a sweep keeps streaming while another tab is shown.
import { create } from 'zustand';
import {
  sweepParamName,
  sweepParamsMax,
  type SweepOutcome,
  type SweepProgressFrame,
} from '@patchdesk/modules/contracts/sweep';
import { defaultRange, emptySweepForm, type SweepForm, type SweepParamForm } from './sweep-form';

export interface RunningSweep {
  id: string | null;
  phase: 'starting' | 'running' | 'finishing';
  frame: SweepProgressFrame | null;
  cancelRequested: boolean;
}

export interface SweepState {
  form: SweepForm;
  running: RunningSweep | null;
  outcome: SweepOutcome | null;
  /** The row (index into outcome.rows) opened as a backtest or picked to apply. */
  selected: number | null;
  note: { kind: 'error' | 'info'; message: string } | null;
  /**
   * Adds a number param with a range around its value; false when it is already in or the
   * set-up holds the most params a sweep takes (the note says so).
   */
  addParam(
    moduleId: string,
    spec: { name: string; kind: 'int' | 'float'; min: number; max: number },
    value: number,
  ): boolean;
  removeParam(name: string): void;
  updateParam(name: string, field: 'from' | 'to' | 'step', text: string): void;
  setForm(partial: Partial<Omit<SweepForm, 'params'>>): void;
  set(partial: Partial<Pick<SweepState, 'running' | 'outcome' | 'selected' | 'note'>>): void;
  frame(frame: SweepProgressFrame): void;
}

export const useSweepStore = create<SweepState>()((set, get) => ({
  form: emptySweepForm,
  running: null,
  outcome: null,
  selected: null,
  note: null,
  addParam(moduleId, spec, value) {
    const { form } = get();
    const name = `${moduleId}.${spec.name}`;
    if (form.params.some((p) => sweepParamName(p) === name)) return false;
    if (form.params.length >= sweepParamsMax) {
      set({
        note: { kind: 'error', message: `A sweep takes at most ${sweepParamsMax} params; remove one first.` },
      });
      return false;
    }
    const range = defaultRange(spec, value);
    const param: SweepParamForm = {
      module: moduleId,
      param: spec.name,
      kind: spec.kind,
      min: spec.min,
      max: spec.max,
      from: String(range.from),
      to: String(range.to),
      step: String(range.step),
    };
    set({ form: { ...form, params: [...form.params, param] }, note: null });
    return true;
  },
  removeParam(name) {
    const { form } = get();
    set({ form: { ...form, params: form.params.filter((p) => sweepParamName(p) !== name) } });
  },
  updateParam(name, field, text) {
    const { form } = get();
    set({
      form: {
        ...form,
        params: form.params.map((p) => (sweepParamName(p) === name ? { ...p, [field]: text } : p)),
      },
    });
  },
  setForm(partial) {
    set({ form: { ...get().form, ...partial } });
  },
  set(partial) {
    set(partial);
  },
  frame(frame) {
    const running = get().running;
    if (!running || running.id !== frame.id) return;
    set({ running: { ...running, phase: 'running', frame } });
  },
}));
