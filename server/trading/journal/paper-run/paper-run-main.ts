// Process entry of the paper run used by the crash test:
//   tsx paper-run-main.ts --run <id> --seed <n> --events-max <n> [--events-after-resume <n>] (--data <dir> | --database-url <url> --schema <s>)
// Prints one JSON line per fact on stdout: {"restored":...}, {"ack":<index>}, {"done":true}.
// stdout to a pipe is synchronous on Linux, so a line printed before SIGKILL reaches the parent.
import { parseArgs } from 'node:util';
import { openStore } from '../../../store/open-store';
import { runPaper } from './paper-run';

const { values } = parseArgs({
  options: {
    run: { type: 'string' },
    seed: { type: 'string' },
    'events-max': { type: 'string' },
    'events-after-resume': { type: 'string' },
    data: { type: 'string' },
    'database-url': { type: 'string' },
    schema: { type: 'string' },
  },
});

function line(fact: unknown): void {
  process.stdout.write(`${JSON.stringify(fact, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`);
}

const store = await openStore({
  dataDir: values.data,
  databaseUrl: values['database-url'] ?? null,
  schema: values.schema,
});
await runPaper({
  store,
  runId: values.run ?? 'paper',
  seed: Number(values.seed ?? 1),
  eventsMax: Number(values['events-max'] ?? 1_000_000),
  eventsAfterResume: values['events-after-resume'] ? Number(values['events-after-resume']) : undefined,
  onRestored: (report) => line({ restored: report }),
  onAcknowledged: (index) => line({ ack: index }),
});
await store.close();
line({ done: true });
