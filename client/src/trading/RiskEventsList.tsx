// Intents the gates (or the broker, or the kill switch) refused, newest first, with the reason.
import type { TradeRiskEvent } from '@patchdesk/modules/contracts/trading';
import { formatBarTime } from './format-trading';

const eventsShownMax = 30;

export function RiskEventsList({ events, total }: { events: TradeRiskEvent[]; total: number }) {
  if (events.length === 0) {
    return (
      <p className="trading__empty" data-testid="risk-events-none">
        No intent blocked.
      </p>
    );
  }
  const shown = events.slice(-eventsShownMax).reverse();
  return (
    <>
      <ul className="risk-events" data-testid="risk-events">
        {shown.map((event, index) => (
          <li key={`${event.atMs}-${index}`} data-testid="risk-event" data-code={event.code}>
            <span className="risk-events__head">
              <span className="risk-events__code">{event.code}</span>
              <span className="risk-events__source">{event.source}</span>
              <span className="risk-events__time">{formatBarTime(event.atMs)}</span>
            </span>
            <span className="risk-events__message">{event.message}</span>
          </li>
        ))}
      </ul>
      {total > shown.length ? (
        <p className="trading__more">
          {shown.length} most recent of {total} blocked intents.
        </p>
      ) : null}
    </>
  );
}
