// Errors a hub caller can act on (unknown patch, version conflict, bad name) reach the client
// with their message; anything else stays a generic error and a log line, since it is our bug.
import { HubError } from './signalr/index';
import { PatchStoreError } from '../patches/errors';
import { RunRefusedError, UnknownProbePortError } from '../engine/run-manager';
import { TradingRefusedError } from '../trading/desk/trading-desk';
import { RecordingError } from '../backtest/parity/read-recording';

const callerErrors = [
  PatchStoreError,
  RunRefusedError,
  UnknownProbePortError,
  TradingRefusedError,
  RecordingError,
];

/** Runs `work`, turning the errors a caller can act on into HubErrors with the same message. */
export async function withCallerErrors<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (callerErrors.some((type) => error instanceof type)) throw new HubError((error as Error).message);
    throw error;
  }
}

/**
 * A stream whose opening check may refuse: `check` runs when the client starts reading, and a
 * caller error from it reaches the client as the stream's error with its message.
 */
export async function* streamWithCallerErrors<T>(
  check: () => void,
  open: () => AsyncIterable<T>,
): AsyncGenerator<T, void, undefined> {
  await withCallerErrors(check);
  yield* open();
}
