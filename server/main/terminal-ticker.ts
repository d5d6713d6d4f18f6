// `npm start` in a terminal: one compact line a second with the demo patch's live values, so
// the server visibly works before a browser is opened. Off with --quiet or when not a TTY.
import type { Patch } from '@patchdesk/modules/patch/types';
import { isNumericPort } from '@patchdesk/modules/sdk/ports';
import type { ModuleRegistry } from '@patchdesk/modules/sdk/registry';
import type { RunningServer } from './start-server';

export const tickerPrintIntervalMs = 1_000;
export const tickerValuesMax = 8;

export interface TickerPort {
  label: string;
  key: string;
}

/**
 * What to show: a bar source's close, every indicator, then the signals (modules whose outputs
 * feed nothing), each by its first numeric output. For the demo: close, fast and slow EMA, RSI,
 * the short signal and the broker sink's count of intents sent.
 */
export function tickerPorts(patch: Patch, registry: ModuleRegistry): TickerPort[] {
  const feedsSomething = new Set(patch.cables.map((cable) => cable.from.module));
  const ports: TickerPort[] = [];
  for (const module of patch.modules) {
    const definition = registry.get(module.type);
    if (!definition) continue;
    const isLeaf = !feedsSomething.has(module.id);
    if (definition.category !== 'sources' && definition.category !== 'indicators' && !isLeaf) continue;
    const names = Object.keys(definition.outputs).filter((name) =>
      isNumericPort(definition.outputs[name].type),
    );
    const chosen = names.includes('close') ? 'close' : names[0];
    if (chosen === undefined || (definition.category === 'sources' && chosen !== 'close')) continue;
    const label =
      chosen === 'close'
        ? 'close'
        : chosen === 'out' || names.length === 1
          ? module.id
          : `${module.id}.${chosen}`;
    ports.push({ label, key: `${module.id}.${chosen}` });
    if (ports.length === tickerValuesMax) break;
  }
  return ports;
}

export function formatTickerLine(
  timeMs: number,
  ports: readonly TickerPort[],
  values: readonly number[],
): string {
  const time = new Date(timeMs).toISOString().slice(0, 19).replace('T', ' ');
  const parts = ports.map((port, i) => `${port.label} ${formatValue(values[i])}`);
  return `${time}  ${parts.join('  ')}`;
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1000 ? value.toFixed(1) : value.toPrecision(4);
}

/** Prints to stdout until the returned function is called. */
export function startTerminalTicker(server: RunningServer, patchName: string): () => void {
  const { runManager, workingCopies } = server;
  let latest: { timeMs: number; values: number[]; ports: TickerPort[] } | null = null;
  let portsOf: { patch: Patch; ports: TickerPort[] } | null = null;
  const stopWatching = runManager.watchTicks(patchName, (timeMs, read) => {
    const patch = workingCopies.peek(patchName)?.patch;
    if (!patch) return;
    // a new patch object means an edit; recompute then, not on every tick
    if (portsOf?.patch !== patch) portsOf = { patch, ports: tickerPorts(patch, runManager.registry) };
    const { ports } = portsOf;
    latest = { timeMs, ports, values: ports.map((port) => read(port.key)) };
  });
  const timer = setInterval(() => {
    if (latest === null) return;
    process.stdout.write(formatTickerLine(latest.timeMs, latest.ports, latest.values) + '\n');
    latest = null;
  }, tickerPrintIntervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    stopWatching();
  };
}
