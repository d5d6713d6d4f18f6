// Runs one side of the fan-out bench alone, for profiling:
//   node --cpu-prof --cpu-prof-dir=artifacts/profiles --import tsx bench/signalr-fanout-profile.ts signalr 1 5
// (side: signalr | raw | raw-batched; client count; seconds). Prints delivered messages/s and the
// server's CPU per 1,000 delivered messages.
import { sampleWindow, startSide } from './signalr-fanout-harness';
import type { SideName } from './signalr-fanout-harness';

const sideNames: readonly string[] = ['signalr', 'raw', 'raw-batched'];
const [name = 'signalr', clientsText = '1', secondsText = '5'] = process.argv.slice(2);
if (!sideNames.includes(name)) throw new Error(`signalr-fanout-profile: unknown side '${name}'`);
const clients = Number(clientsText);
const durationMs = Number(secondsText) * 1000;

const side = await startSide(name as SideName, clients);
const window = await sampleWindow(side, clients, durationMs);
process.stderr.write(
  `${name}, ${clients} client(s): ${Math.round((window.delivered / window.elapsedMs) * 1000)} messages/s, ` +
    `server CPU ${((window.cpuMicros / window.delivered) * 1000).toFixed(0)} µs per 1,000\n`,
);
await side.close();
