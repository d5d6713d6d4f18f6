// LogHub (/hubs/logs): the structured log as a stream: the recent records still in the ring,
// then live ones, filtered by minimum level and run. Records leave with server paths redacted
// and without stack traces (the server's own log keeps both).
import { z } from 'zod';
import type { LogFilter, LogHubMethods, LogRecord } from '@patchdesk/modules/contracts/hubs';
import { levelRank, logLevels } from '../logging';
import type { LogRing } from '../logging';
import { pushStream } from './push-stream';
import { redactLogRecord } from './redact-paths';
import type { PathRedactor } from './redact-paths';
import { defineHub, hubStream } from './signalr/index';
import type { HubDefinition } from './signalr/index';

/** Records held for a client that reads slower than the server logs; older ones are dropped. */
export const logStreamBacklogMax = 1_000;

const filterSchema = z
  .strictObject({
    minLevel: z.enum(logLevels as [LogRecord['level'], ...LogRecord['level'][]]).optional(),
    run: z.string().max(200).optional(),
  })
  .nullish();

export function matchesLogFilter(record: LogRecord, filter: LogFilter): boolean {
  if (filter.minLevel !== undefined && levelRank(record.level) < levelRank(filter.minLevel)) return false;
  return filter.run === undefined || record.run === filter.run;
}

export function createLogHub(ring: LogRing, redactPaths: PathRedactor = (text) => text): HubDefinition {
  // one redacted copy per record, however many clients stream it
  const redacted = new WeakMap<LogRecord, LogRecord>();
  const forClient = (record: LogRecord): LogRecord => {
    let copy = redacted.get(record);
    if (copy === undefined) redacted.set(record, (copy = redactLogRecord(record, redactPaths)));
    return copy;
  };
  const methods: Record<keyof LogHubMethods, ReturnType<typeof hubStream>> = {
    stream: hubStream(z.tuple([filterSchema.describe('filter')]), (ctx, given) => {
      const filter = given ?? {};
      return pushStream<LogRecord>({ signal: ctx.signal, capacity: logStreamBacklogMax }, (sink) => {
        for (const record of ring.recent())
          if (matchesLogFilter(record, filter)) sink.push(forClient(record));
        return ring.subscribe((record) => {
          if (matchesLogFilter(record, filter)) sink.push(forClient(record));
        });
      });
    }),
  };
  return defineHub({ name: 'LogHub', methods });
}
