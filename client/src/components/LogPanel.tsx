// Recent log records from LogHub, newest at the bottom, filtered by level.
import { useEffect, useRef, useState } from 'react';
import type { LogLevel } from '@patchdesk/modules/contracts/hubs';
import { useRunStore } from '../stores/run-store';

const levels: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

function formatFields(fields: Record<string, unknown>): string {
  const entries = Object.entries(fields);
  return entries.length === 0
    ? ''
    : entries.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(' ');
}

export function LogPanel() {
  const logs = useRunStore((state) => state.logs);
  const [minLevel, setMinLevel] = useState<LogLevel>('info');
  const list = useRef<HTMLOListElement>(null);
  const shown = logs.filter((record) => levels.indexOf(record.level) >= levels.indexOf(minLevel));

  useEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [shown.length]);

  return (
    <div className="logs" data-testid="log-panel">
      <div className="logs__controls">
        <select
          value={minLevel}
          onChange={(event) => setMinLevel(event.target.value as LogLevel)}
          title="Minimum level"
        >
          {levels.map((level) => (
            <option key={level} value={level}>
              {level}+
            </option>
          ))}
        </select>
        <span>{shown.length} records</span>
      </div>
      <ol className="logs__list" ref={list}>
        {shown.map((record, index) => (
          <li key={`${record.timeMs}-${index}`} className={`logs__record logs__record--${record.level}`}>
            <span className="logs__time">{new Date(record.timeMs).toLocaleTimeString()}</span>
            <span className="logs__level">{record.level}</span>
            {record.run ? <span className="logs__run">{record.run}</span> : null}
            <span className="logs__message">{record.message}</span>
            <span className="logs__fields">{formatFields(record.fields ?? {})}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
