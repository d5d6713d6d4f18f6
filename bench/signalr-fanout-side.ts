// One side of bench/signalr-fanout.bench.ts in its own process (so the sides cannot change each
// other's JIT state; they share the `ws` code paths): `setup` starts the side and its clients,
// `window` sends for a while and reports what was delivered and the CPU it took, `stop` ends.
import { sampleWindow, startSide } from './signalr-fanout-harness';
import type { Side, SideName } from './signalr-fanout-harness';

type Command =
  | { kind: 'setup'; side: SideName; clients: number }
  | { kind: 'window'; durationMs: number }
  | { kind: 'stop' };

let side: Side | undefined;
let clients = 0;

async function handle(command: Command): Promise<void> {
  if (command.kind === 'setup') {
    clients = command.clients;
    side = await startSide(command.side, clients);
    process.send?.({ kind: 'ready' });
  } else if (command.kind === 'window') {
    if (side === undefined) throw new Error('signalr-fanout-side: window before setup');
    process.send?.({ kind: 'window', ...(await sampleWindow(side, clients, command.durationMs)) });
  } else {
    await side?.close();
    process.exit(0);
  }
}

process.on('message', (command: Command) => {
  handle(command).catch((error: unknown) => {
    process.send?.({ kind: 'error', message: error instanceof Error ? error.stack : String(error) });
  });
});
