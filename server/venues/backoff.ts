// Reconnect delays: exponential with full jitter (a random wait between 0 and the exponential
// cap), so many streams cut at once do not reconnect in lockstep. A rate-limit answer (HTTP
// 429/418) sets a floor. Pure: the random source is passed in.
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  rateLimitedMs: number;
}

/** Delay before retry number `attempt` (0 for the first retry). */
export function backoffDelayMs(
  policy: BackoffPolicy,
  attempt: number,
  rateLimited: boolean,
  random: () => number,
): number {
  const cap = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  const jittered = Math.round(cap * random());
  return rateLimited ? Math.max(policy.rateLimitedMs, jittered) : jittered;
}
