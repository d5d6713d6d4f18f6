// What the market panel shows for each venue worker (`patchdesk worker --venue`), from the
// health record MarketHub's getVenues carries: events and their rate, drops, reconnects and
// resyncs summed over the worker's streams, the youngest stream's last-event age, and the
// report's own age. The record holds running totals, so the rate is the difference between
// two distinct reports (told apart by the worker's `reportedAtMs`) over the time between them;
// the panel polls every 2 s and a worker reports every 2 s, so a poll often sees the same
// report again, and then the previous rate stands.
import type { VenueStatus } from '@patchdesk/modules/contracts/hubs';

export interface WorkerCounters {
  venue: string;
  label: string;
  state: VenueStatus['state'];
  /** Events the worker's streams received, in total. */
  events: number;
  /** Events a second between the last two distinct reports; null until there are two. */
  eventsPerSecond: number | null;
  /** Dropped by the worker's connector (bad payloads) plus dropped from its outbox (Redis down). */
  dropped: number;
  reconnects: number;
  resyncs: number;
  /** Age of the newest event over all its streams; null before the first. */
  lastEventAgeMs: number | null;
  reportAgeMs: number;
  outbox: number;
}

interface Previous {
  reportedAtMs: number;
  events: number;
  rate: number | null;
}

/** Keeps each worker's previous report between polls; one per panel. */
export class WorkerRates {
  private readonly previous = new Map<string, Previous>();

  /** The counters of every venue that has a worker record, in the order given. */
  update(venues: readonly VenueStatus[]): WorkerCounters[] {
    const out: WorkerCounters[] = [];
    const seen = new Set<string>();
    for (const venue of venues) {
      const worker = venue.worker;
      if (!worker) continue;
      seen.add(venue.venue);
      let events = 0;
      let dropped = worker.publishDropped;
      let reconnects = 0;
      let resyncs = 0;
      let lastEventAgeMs: number | null = null;
      for (const stream of venue.streams) {
        events += stream.events;
        dropped += stream.dropped;
        reconnects += stream.reconnects;
        resyncs += stream.resyncs;
        const age = stream.lastEventAgeMs ?? null;
        if (age !== null && (lastEventAgeMs === null || age < lastEventAgeMs)) lastEventAgeMs = age;
      }
      out.push({
        venue: venue.venue,
        label: venue.label,
        state: venue.state,
        events,
        eventsPerSecond: this.rate(venue.venue, worker.reportedAtMs, events),
        dropped,
        reconnects,
        resyncs,
        lastEventAgeMs,
        reportAgeMs: worker.reportAgeMs,
        outbox: worker.outbox,
      });
    }
    for (const venue of this.previous.keys()) if (!seen.has(venue)) this.previous.delete(venue);
    return out;
  }

  private rate(venue: string, reportedAtMs: number, events: number): number | null {
    const before = this.previous.get(venue);
    if (before && before.reportedAtMs === reportedAtMs) return before.rate;
    let rate: number | null = null;
    // A worker that restarted counts from zero again: no rate until its next report.
    if (before && reportedAtMs > before.reportedAtMs && events >= before.events) {
      rate = ((events - before.events) * 1000) / (reportedAtMs - before.reportedAtMs);
    }
    this.previous.set(venue, { reportedAtMs, events, rate });
    return rate;
  }
}

/** "12.5/s" under 100 a second, "1,234/s" above; "—" before there is a rate. */
export function formatRate(perSecond: number | null): string {
  if (perSecond === null || !Number.isFinite(perSecond)) return '—';
  if (perSecond < 100) return `${perSecond.toFixed(1)}/s`;
  return `${Math.round(perSecond).toLocaleString('en-US')}/s`;
}

/** An age: "850 ms", "12.3 s", "4m 05s"; "—" when unknown. */
export function formatAge(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

/** A running total with thousands separators. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
