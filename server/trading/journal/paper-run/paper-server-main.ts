// Process entry of the server used by the paper-run resume crash test: a real PatchDesk server
// on a free port with the given patch store and database, printing {"url": ...} once listening.
//   tsx paper-server-main.ts --store <dir> (--db <dir> | --database-url <url> --schema <s>)
//     [--die-in-journal-write <n>]   (SIGKILL itself inside its nth journal write)
// On stdin, `journal <patch>` prints {"journal": ...}: the patch's newest journaled run, read
// with the server's own store (an embedded store admits one process, so the test cannot).
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { startServer } from '../../../main/start-server';
import { PaperJournals } from '../paper-journals';
import { dieInJournalWrite } from './die-in-journal-write';
import { journalToWire } from './journal-report';

const { values } = parseArgs({
  options: {
    store: { type: 'string' },
    db: { type: 'string' },
    'database-url': { type: 'string' },
    schema: { type: 'string' },
    'die-in-journal-write': { type: 'string' },
  },
});
if (!values.store) throw new Error('paper-server-main: --store is required');
const say = (fact: object) => process.stdout.write(`${JSON.stringify(fact)}\n`);
if (values['die-in-journal-write']) dieInJournalWrite(Number(values['die-in-journal-write']), say);

const server = await startServer({
  port: 0,
  storeDir: values.store,
  demo: null,
  clientDistDir: null,
  logging: { console: 'off', level: 'warn' },
  database: values['database-url']
    ? { databaseUrl: values['database-url'], schema: values.schema }
    : { dataDir: values.db },
});
say({ url: server.url });

const journals = server.database ? new PaperJournals(server.database, pino({ enabled: false })) : null;
createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, patchName] = line.split(' ');
  if (command !== 'journal' || !journals || !patchName) return;
  void (async () => {
    const latest = await journals.latestRun(patchName);
    const run = latest ? await journals.readRun(latest.runId) : null;
    process.stdout.write(`{"journal":${run ? journalToWire(run) : 'null'}}\n`);
  })();
});
