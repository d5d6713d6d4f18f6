// What the run controls will start: replay or paper, and the fields typed for it. Kept while
// the page is open, so a second run starts as the first did.
import { create } from 'zustand';
import { emptyRunConfigForm } from '../trading/run-config-form';
import type { MarketStreamRef } from '@patchdesk/modules/contracts/hubs';
import type { RunConfigField, RunConfigForm, RunMode } from '../trading/run-config-form';

export interface RunConfigState {
  form: RunConfigForm;
  setMode(mode: RunMode): void;
  setField(field: RunConfigField, text: string): void;
  /** A new empty stream row at the end. */
  addStream(): void;
  removeStream(index: number): void;
  /** Changing the venue clears the symbol: the old one is another venue's. */
  setStream(index: number, change: Partial<MarketStreamRef>): void;
}

export const useRunConfigStore = create<RunConfigState>()((set, get) => ({
  form: emptyRunConfigForm,
  setMode(mode) {
    set({ form: { ...get().form, mode } });
  },
  setField(field, text) {
    set({ form: { ...get().form, [field]: text } });
  },
  addStream() {
    const form = get().form;
    set({ form: { ...form, streams: [...form.streams, { venue: '', symbol: '' }] } });
  },
  removeStream(index) {
    const form = get().form;
    set({ form: { ...form, streams: form.streams.filter((_, at) => at !== index) } });
  },
  setStream(index, change) {
    const form = get().form;
    const streams = form.streams.map((stream, at) => {
      if (at !== index) return stream;
      const venueChanged = change.venue !== undefined && change.venue !== stream.venue;
      return { ...stream, ...(venueChanged ? { symbol: '' } : {}), ...change };
    });
    set({ form: { ...form, streams } });
  },
}));
