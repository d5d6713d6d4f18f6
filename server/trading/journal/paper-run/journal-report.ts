// The crash test's check of a journal left by a killed paper run, against the journal of the
// same run made in one go (same patch + same events => the same entries, ids included): the
// journal is a prefix of it, entry by entry; its ledger rebuilds cleanly, balances, and equals
// the one-go ledger at that point; its fills are exactly the one-go run's first fills, each
// once. Also the wire form a server process uses to hand its journal to the test (bigint
// amounts as decimal strings).
import type { JournalEntry } from '../journal-entries';
import type { JournalRun } from '../journal-store';
import { journaledKeys } from '../resuming-journal';
import { restoreRun } from '../restore-run';
import { stateDigest } from './state-digest';

export interface JournalReport {
  lastSeq: number;
  fills: number;
  balanced: boolean;
  digest: string;
  /** Empty when the journal is a clean prefix of the one-go run's. */
  problems: string[];
}

const leverageOf = () => 10; // the paper venue model's default (paper-config.ts)

/** The journal of a run made in one go, as appended, turned into the stored form up to `count` entries. */
export function journalRunOf(runId: string, entries: readonly JournalEntry[], count: number): JournalRun {
  const run: JournalRun = { runId, lastSeq: count, records: [], accounts: [], transfers: [] };
  entries.slice(0, count).forEach((entry, index) => {
    const seq = index + 1;
    if (entry.type === 'record')
      run.records.push({ ...entry, seq, payload: JSON.parse(JSON.stringify(entry.payload)) });
    else if (entry.type === 'account') run.accounts.push({ ...entry.account, seq });
    else run.transfers.push({ ...entry.transfer, seq });
  });
  return run;
}

function keyOf(entry: JournalEntry): string {
  if (entry.type === 'record') return `record ${entry.kind} ${entry.recordId}`;
  if (entry.type === 'account') return `account ${entry.account.id}`;
  return `transfer ${entry.transfer.id}`;
}

export function compareJournal(journaled: JournalRun, oneGo: readonly JournalEntry[]): JournalReport {
  const problems: string[] = [];
  const report = { lastSeq: journaled.lastSeq, fills: 0, balanced: false, digest: '', problems };
  let keys: string[];
  try {
    keys = journaledKeys(journaled);
  } catch (error) {
    problems.push((error as Error).message);
    return report;
  }
  if (keys.length > oneGo.length) problems.push(`${keys.length} entries, the one-go run has ${oneGo.length}`);
  const differs = keys.findIndex((key, index) => index >= oneGo.length || key !== keyOf(oneGo[index]));
  if (differs >= 0)
    problems.push(
      `entry ${differs + 1} is ${keys[differs]}, the one-go run has ${oneGo[differs] ? keyOf(oneGo[differs]) : 'nothing'}`,
    );
  if (problems.length > 0) return report;

  let restored: ReturnType<typeof restoreRun>;
  try {
    restored = restoreRun(journaled, { leverageOf });
  } catch (error) {
    problems.push((error as Error).message);
    return report;
  }
  const state = stateDigest(restored.accounting);
  const want = stateDigest(
    restoreRun(journalRunOf(journaled.runId, oneGo, keys.length), { leverageOf }).accounting,
  );
  report.balanced = state.balanced;
  report.digest = state.digest;
  if (!state.balanced)
    problems.push('the ledger does not balance (debits, credits and amounts moved differ)');
  if (state.digest !== want.digest || state.transferCount !== want.transferCount)
    problems.push(
      `ledger ${state.digest} (${state.transferCount} transfers), one-go run at that point ${want.digest} (${want.transferCount})`,
    );

  const fills = restored.tradingEvents.filter(({ event }) => event.kind === 'fill').map(({ event }) => event);
  report.fills = fills.length;
  const wantFills = oneGo
    .slice(0, keys.length)
    .flatMap((entry) => (entry.type === 'record' && entry.kind === 'trading-event' ? [entry.payload] : []))
    .map((payload) => (JSON.parse(JSON.stringify(payload)) as { event: { kind: string } }).event)
    .filter((event) => event.kind === 'fill');
  if (new Set(fills.map((fill) => fill.eventId)).size !== fills.length)
    problems.push('a fill is journaled twice');
  if (JSON.stringify(fills) !== JSON.stringify(wantFills))
    problems.push(`fills differ from the one-go run's first ${wantFills.length} (journaled ${fills.length})`);
  return report;
}

/** A journal as one JSON line (bigint -> string) and back. */
export function journalToWire(run: JournalRun): string {
  return JSON.stringify(run, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

/** The journal from its parsed wire form. */
export function journalFromWire(parsed: unknown): JournalRun {
  const run = parsed as JournalRun;
  for (const transfer of run.transfers) transfer.amount = BigInt(transfer.amount);
  return run;
}
