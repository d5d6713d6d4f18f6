// Process entry of the paper run used by the crash test:
//   tsx paper-run-main.ts --run <id> --seed <n> --events-max <n> [--events-after-resume <n>] (--data <dir> | --database-url <url> --schema <s>)
//     [--wait-for-go]   (load everything, print {"ready":true}, open the store only once stdin says "go")
// Prints one JSON line per fact on stdout: {"restored":...}, {"ack":<index>}, {"done":true}.
// stdout to a pipe is synchronous on Linux, so a line printed before SIGKILL reaches the parent.
// --wait-for-go lets the crash test start the next process while the current one runs: node and
// tsx take seconds to load it, which tells nothing about the journal, and the store (which an
// embedded PGlite admits one process into) is left untouched until "go".
import { once } from 'node:events';
import { createInterface } from 'node:readline';
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
    'wait-for-go': { type: 'boolean' },
  },
});

function line(fact: unknown): void {
  process.stdout.write(`${JSON.stringify(fact, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`);
}

if (values['wait-for-go']) {
  const input = createInterface({ input: process.stdin });
  line({ ready: true });
  // the parent closing stdin without "go" (a spare it no longer needs) ends the process
  const [first] = (await Promise.race([once(input, 'line'), once(input, 'close')])) as [string?];
  input.close();
  process.stdin.destroy(); // nothing more comes; an open pipe would keep the process alive
  if (first?.trim() !== 'go') process.exit(0);
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
