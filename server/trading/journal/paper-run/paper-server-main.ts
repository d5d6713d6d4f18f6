// Process entry of the server used by the paper-run resume crash test: a real PatchDesk server
// on a free port with the given patch store and database, printing {"url": ...} once listening.
//   tsx paper-server-main.ts --store <dir> (--db <dir> | --database-url <url> --schema <s>)
import { parseArgs } from 'node:util';
import { startServer } from '../../../main/start-server';

const { values } = parseArgs({
  options: {
    store: { type: 'string' },
    db: { type: 'string' },
    'database-url': { type: 'string' },
    schema: { type: 'string' },
  },
});
if (!values.store) throw new Error('paper-server-main: --store is required');

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
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
