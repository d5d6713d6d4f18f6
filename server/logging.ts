// The server's logger: pino, written to the console and into a ring of recent records that
// LogHub streams to the browser (recent ones first, then live ones).
import pino from 'pino';
import type { Logger } from 'pino';
import type { LogLevel, LogRecord } from '@patchdesk/modules/contracts/hubs';

export const logLevels: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const levelByNumber: Record<number, LogLevel> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
/** pino's own bookkeeping fields; everything else a log call passes is kept in `fields`. */
const pinoFields = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'run']);

export function levelRank(level: LogLevel): number {
  return logLevels.indexOf(level);
}

export type LogListener = (record: LogRecord) => void;

/** The newest records, oldest first, plus live listeners. Bounded: old records fall off. */
export class LogRing {
  private readonly records: LogRecord[] = [];
  private readonly listeners = new Set<LogListener>();

  constructor(readonly capacity = 500) {}

  push(record: LogRecord): void {
    if (this.records.length === this.capacity) this.records.shift();
    this.records.push(record);
    for (const listener of this.listeners) listener(record);
  }

  recent(): LogRecord[] {
    return [...this.records];
  }

  /** Called for every record pushed from now on; returns the unsubscribe function. */
  subscribe(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A pino destination: each write is one JSON line. */
  destination(): pino.DestinationStream {
    return { write: (line: string) => this.pushLine(line) };
  }

  private pushLine(line: string): void {
    const record = parsePinoLine(line);
    if (record) this.push(record);
  }
}

export function parsePinoLine(line: string): LogRecord | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null; // pino writes valid JSON; anything else is not ours to stream
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const raw = parsed as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!pinoFields.has(key)) fields[key] = value;
  return {
    timeMs: typeof raw.time === 'number' ? raw.time : 0,
    level: levelByNumber[typeof raw.level === 'number' ? raw.level : 30] ?? 'info',
    message: typeof raw.msg === 'string' ? raw.msg : '',
    run: typeof raw.run === 'string' ? raw.run : null,
    fields,
  };
}

/** A one-line human form of a pino record for a terminal: `12:00:01 INFO  message key=value`. */
export function formatForTerminal(record: LogRecord): string {
  const time = new Date(record.timeMs).toISOString().slice(11, 19);
  const run = record.run ? ` [${record.run}]` : '';
  const extras = Object.entries(record.fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${time} ${record.level.toUpperCase().padEnd(5)}${run} ${record.message}${extras ? ' ' + extras : ''}\n`;
}

export interface LoggingOptions {
  level?: LogLevel;
  /** Where console output goes: JSON lines, human lines, or nowhere (tests). Default 'json'. */
  console?: 'json' | 'pretty' | 'off';
  ringCapacity?: number;
}

export interface Logging {
  logger: Logger;
  ring: LogRing;
}

export function createLogging(options: LoggingOptions = {}): Logging {
  const level = options.level ?? 'info';
  const ring = new LogRing(options.ringCapacity);
  const streams: pino.StreamEntry[] = [{ level, stream: ring.destination() }];
  if (options.console === 'pretty') {
    streams.push({ level, stream: { write: (line: string) => writePretty(line) } });
  } else if (options.console !== 'off') {
    streams.push({ level, stream: process.stdout });
  }
  const logger = pino({ level, base: undefined }, pino.multistream(streams));
  return { logger, ring };
}

function writePretty(line: string): void {
  const record = parsePinoLine(line);
  if (record) process.stdout.write(formatForTerminal(record));
}
