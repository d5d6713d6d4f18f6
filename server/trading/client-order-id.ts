// Client order ids: ours, sent with every order so that fills, cancels and a reconciliation
// after a restart find the order again without the venue's id. Alphanumeric and at most 32
// characters, the strictest of the venues we target (OKX clOrdId: 1-32 letters and digits;
// Binance newClientOrderId and Bybit orderLinkId allow 36 with some punctuation).
export const clientOrderIdLengthMax = 32;
const runKeyPattern = /^[a-z0-9]{1,12}$/;
const clientOrderIdPattern = /^[A-Za-z0-9]{1,32}$/;

/**
 * `pd` + run key + `X` + sequence in base 36: `pdr7k2X1z`. The upper-case X is in neither the
 * (lower-case) run key nor the sequence, so an id parses back one way only. Deterministic:
 * the same run numbers its orders the same way.
 */
export function makeClientOrderId(runKey: string, sequence: number): string {
  if (!runKeyPattern.test(runKey)) {
    throw new Error(`client order id: run key must be 1-12 lower-case letters or digits, got "${runKey}"`);
  }
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw new Error(`client order id: sequence must be a non-negative integer, got ${sequence}`);
  }
  return `pd${runKey}X${sequence.toString(36)}`;
}

export function isClientOrderId(value: string): boolean {
  return clientOrderIdPattern.test(value);
}

export type ExitKind = 'stopLoss' | 'takeProfit';
const exitSuffix: Record<ExitKind, string> = { stopLoss: 'S', takeProfit: 'T' };

/**
 * The id of an exit the broker attaches to a bracket entry: the entry's id + `S` (stop-loss) or
 * `T` (take-profit). Upper case, like the X, so it never reads as part of the sequence.
 */
export function exitClientOrderId(entryId: string, kind: ExitKind): string {
  return `${entryId}${exitSuffix[kind]}`;
}

/** The run key and sequence of one of our ids (and the exit, for a bracket's), or null for an order placed by someone else. */
export function parseClientOrderId(
  value: string,
): { runKey: string; sequence: number; exit: ExitKind | null } | null {
  const match = /^pd([a-z0-9]{1,12})X([0-9a-z]+)([ST]?)$/.exec(value);
  if (match === null || value.length > clientOrderIdLengthMax) return null;
  const exit = match[3] === 'S' ? 'stopLoss' : match[3] === 'T' ? 'takeProfit' : null;
  return { runKey: match[1], sequence: Number.parseInt(match[2], 36), exit };
}
