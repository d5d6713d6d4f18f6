// The Market tab's table of venue workers: one row per `patchdesk worker --venue` process the
// server hears from over Redis, with the counters of its health record (worker-counters.ts):
// events and their rate, drops, reconnects and resyncs, the age of its newest event and of its
// report. Venues the server streams itself have no worker record and no row here.
import { useMemo, useRef } from 'react';
import type { VenueStatus } from '@patchdesk/modules/contracts/hubs';
import { formatAge, formatCount, formatRate, WorkerRates } from './worker-counters';

export function WorkerTable({ venues }: { venues: VenueStatus[] }) {
  const rates = useRef(new WorkerRates());
  // Once per getVenues answer (a new array every poll), not on every clock re-render.
  const workers = useMemo(() => rates.current.update(venues), [venues]);
  if (workers.length === 0) return null;
  return (
    <table className="market__table market__workers" data-testid="market-workers">
      <thead>
        <tr>
          <th>Worker</th>
          <th>Events</th>
          <th>Drops / reconn.</th>
          <th>Last event / report</th>
        </tr>
      </thead>
      <tbody>
        {workers.map((worker) => (
          <tr key={worker.venue} data-testid={`market-worker-${worker.venue}`} data-state={worker.state}>
            <td>
              <span className="market__symbol">{worker.label}</span>
              <span className="market__sub" data-field="state">
                {worker.state}
              </span>
            </td>
            <td>
              <span data-field="rate" title="Events a second between its last two reports">
                {formatRate(worker.eventsPerSecond)}
              </span>
              <span className="market__sub" data-field="events" title="Events in total">
                {formatCount(worker.events)}
              </span>
            </td>
            <td>
              <span data-field="dropped" title="Dropped payloads and outbox drops">
                {formatCount(worker.dropped)}
              </span>
              <span
                className="market__sub"
                data-field="reconnects"
                title={`Reconnects; ${worker.resyncs} book resyncs; outbox ${worker.outbox}`}
              >
                {formatCount(worker.reconnects)}
              </span>
            </td>
            <td>
              <span data-field="last-event" title="Age of its newest event">
                {formatAge(worker.lastEventAgeMs)}
              </span>
              <span className="market__sub" data-field="report-age" title="Age of its last health report">
                {formatAge(worker.reportAgeMs)}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
