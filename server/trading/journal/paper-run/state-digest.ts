// A short fingerprint of a run's money state (every account's posted debits and credits, the
// positions, the transfer count), so two processes can compare ledgers in one line.
import { createHash } from 'node:crypto';
import type { Accounting } from '../../ledger/accounting';

export interface StateDigest {
  transferCount: number;
  /** Sum of debits posted = sum of credits posted over every account. */
  balanced: boolean;
  digest: string;
}

export function stateDigest(accounting: Accounting): StateDigest {
  const hash = createHash('sha256');
  let debits = 0n;
  let credits = 0n;
  const accounts = [...accounting.ledger.accounts()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const account of accounts) {
    debits += account.debitsPosted;
    credits += account.creditsPosted;
    hash.update(`${account.id}:${account.debitsPosted}:${account.creditsPosted}\n`);
  }
  const positions = accounting.positions().sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  for (const p of positions) hash.update(`${p.accountId}:${p.symbol}:${p.quantityUnits}\n`);
  const moved = accounting.ledger.transfers().reduce((sum, t) => sum + t.amount, 0n);
  return {
    transferCount: accounting.ledger.transferCount,
    balanced: debits === credits && debits === moved,
    digest: hash.digest('hex').slice(0, 16),
  };
}

/** A fingerprint of an ordered list of event ids. */
export function eventIdsDigest(eventIds: readonly string[]): string {
  const hash = createHash('sha256');
  for (const id of eventIds) hash.update(`${id}\n`);
  return hash.digest('hex').slice(0, 16);
}
