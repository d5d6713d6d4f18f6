// `patchdesk parity <runId> [--json]`: re-runs a recorded paper run as a backtest of the patch
// version it started with, on exactly the events it delivered, and says whether the two agree:
// identical, or the first diverging tick, module and port with both values, the fill
// differences and the ticks of hot edits. Exit code 0 when identical, 1 when not (or when the
// recording is missing or damaged: a one-line reason). The store is the one the server uses:
// PostgreSQL when DATABASE_URL is set, else the embedded one in --data (default PATCHDESK_DB or ./data).
import type { Command } from 'commander';
import type { ParityReport } from '@patchdesk/modules/contracts/parity';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { checkParity } from '../../backtest/parity/check-parity';
import { readRecording, RecordingError } from '../../backtest/parity/read-recording';
import { RecordingStore } from '../../backtest/parity/recording-store';
import { CliError, exitCodes } from '../cli-error';
import { writeJson, writeOut } from '../output';
import { openMarketStore } from './import';

const runIdPattern = /^[^\s]{1,300}$/;

export function registerParityCommand(program: Command): void {
  program
    .command('parity')
    .description(
      're-run a recorded paper run as a backtest and compare them tick by tick (exit 1 when they differ)',
    )
    .argument('<runId>', 'the paper run, as PATCH:RUNKEY (the server logs it; TradeHub lists it)')
    .option('--data <dir>', 'embedded store folder (default: PATCHDESK_DB or ./data)')
    .option('--json', 'print the report as one JSON object')
    .action((runId: string, options: { data?: string; json?: boolean }) => parityCommand(runId, options));
}

async function parityCommand(runId: string, options: { data?: string; json?: boolean }): Promise<void> {
  if (!runIdPattern.test(runId))
    throw new CliError(`"${runId}" is not a run id (PATCH:RUNKEY)`, exitCodes.usage);
  const store = await openMarketStore(options.data ?? process.env.PATCHDESK_DB);
  let report: ParityReport;
  try {
    report = await checkParity(
      await readRecording(new RecordingStore(store.db), runId),
      createBuiltinRegistry(),
    );
  } catch (error) {
    if (error instanceof RecordingError) throw new CliError(error.message);
    throw error;
  } finally {
    await store.close();
  }
  if (options.json) writeJson(report);
  else writeOut(formatReport(report));
  if (!report.identical) throw new CliError(`run "${runId}" and its backtest differ`, exitCodes.failure);
}

function formatReport(report: ParityReport): string {
  const lines = [
    `${report.runId} (${report.patchName}, ${report.patchHash.slice(0, 12)}): ${report.verdict}`,
    `  ticks: ${report.ticksRecorded} recorded, ${report.ticksReplayed} compared; recording ${report.recordingState}`,
    `  fills: ${report.fills.recorded} recorded, ${report.fills.replayed} in the backtest, ${report.fills.differing} differ`,
  ];
  for (const difference of report.fills.differences) {
    const price =
      difference.priceDifference === null ? 'missing' : `price ${signed(difference.priceDifference)}`;
    const time =
      difference.timeDifferenceMs === null ? '' : `, time ${signed(difference.timeDifferenceMs)} ms`;
    lines.push(`    fill ${difference.index}: ${price}${time}`);
  }
  for (const edit of report.edits)
    lines.push(`  hot edit at tick ${edit.tick} (time ${edit.timeMs}): ${edit.patchHash.slice(0, 12)}`);
  return lines.join('\n');
}

function signed(value: number): string {
  return value >= 0 ? `+${value}` : String(value);
}
