import { describe, expect, it } from 'vitest';
import { livenessAction } from './liveness';
import type { LivenessInput } from './liveness';

const timing = {
  disconnectTimeoutMs: 15_000,
  handshakeTimeoutMs: 15_000,
  clientTimeoutMs: 30_000,
  keepAliveIntervalMs: 15_000,
};
const base: LivenessInput = {
  state: 'active',
  nowMs: 100_000,
  createdAtMs: 0,
  stateSinceMs: 90_000,
  lastReceivedAtMs: 99_000,
  lastWriteAtMs: 99_000,
  queueEmpty: true,
  longPolling: false,
};

describe('livenessAction', () => {
  it('pings an idle active connection, but not one with output waiting', () => {
    expect(livenessAction(base, timing)).toBe('none');
    expect(livenessAction({ ...base, lastWriteAtMs: 85_000 }, timing)).toBe('ping');
    expect(livenessAction({ ...base, lastWriteAtMs: 85_000, queueEmpty: false }, timing)).toBe('none');
  });

  it('times out a client silent for clientTimeoutMs, before pinging it', () => {
    expect(livenessAction({ ...base, lastReceivedAtMs: 70_000, lastWriteAtMs: 0 }, timing)).toBe(
      'client-timeout',
    );
  });

  it('leaves long polling to its transport: no pings, no client timeout', () => {
    expect(
      livenessAction({ ...base, longPolling: true, lastReceivedAtMs: 0, lastWriteAtMs: 0 }, timing),
    ).toBe('sweep-long-polling');
  });

  it('reaps unused negotiations, stalled handshakes and clients that never reattach', () => {
    expect(livenessAction({ ...base, state: 'negotiated', createdAtMs: 85_000 }, timing)).toBe(
      'expire-negotiation',
    );
    expect(livenessAction({ ...base, state: 'negotiated', createdAtMs: 86_000 }, timing)).toBe('none');
    expect(livenessAction({ ...base, state: 'handshaking', stateSinceMs: 85_000 }, timing)).toBe(
      'cancel-handshake',
    );
    expect(livenessAction({ ...base, state: 'detached', stateSinceMs: 85_000 }, timing)).toBe(
      'expire-detached',
    );
    expect(livenessAction({ ...base, state: 'closed', createdAtMs: 0, stateSinceMs: 0 }, timing)).toBe(
      'none',
    );
  });
});
