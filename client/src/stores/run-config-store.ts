// What the run controls will start: replay or paper, and the fields typed for it. Kept while
// the page is open, so a second run starts as the first did.
import { create } from 'zustand';
import { emptyRunConfigForm } from '../trading/run-config-form';
import type { RunConfigField, RunConfigForm, RunMode } from '../trading/run-config-form';

export interface RunConfigState {
  form: RunConfigForm;
  setMode(mode: RunMode): void;
  setField(field: RunConfigField, text: string): void;
}

export const useRunConfigStore = create<RunConfigState>()((set, get) => ({
  form: emptyRunConfigForm,
  setMode(mode) {
    set({ form: { ...get().form, mode } });
  },
  setField(field, text) {
    set({ form: { ...get().form, [field]: text } });
  },
}));
