// What the periodic sweep does to one connection: ping, time out, or reap. Pure, so the timing
// rules (ASP.NET Core's defaults and long polling's exceptions) are testable without clocks.
import type { ResolvedOptions } from './options';

export type ConnectionState = 'negotiated' | 'handshaking' | 'active' | 'detached' | 'closed';

export type LivenessAction =
  | 'none'
  | 'ping'
  /** Nothing received for clientTimeoutMs. */
  | 'client-timeout'
  /** Negotiated but never connected within disconnectTimeoutMs. */
  | 'expire-negotiation'
  | 'cancel-handshake'
  /** A stateful connection whose client did not reattach within disconnectTimeoutMs. */
  | 'expire-detached'
  /** Long polling is "inherently keep-alive": the transport checks its polls itself. */
  | 'sweep-long-polling';

export interface LivenessInput {
  state: ConnectionState;
  nowMs: number;
  createdAtMs: number;
  stateSinceMs: number;
  lastReceivedAtMs: number;
  lastWriteAtMs: number;
  queueEmpty: boolean;
  longPolling: boolean;
}

type Timing = Pick<
  ResolvedOptions,
  'disconnectTimeoutMs' | 'handshakeTimeoutMs' | 'clientTimeoutMs' | 'keepAliveIntervalMs'
>;

export function livenessAction(input: LivenessInput, timing: Timing): LivenessAction {
  const { nowMs } = input;
  switch (input.state) {
    case 'negotiated':
      return nowMs - input.createdAtMs >= timing.disconnectTimeoutMs ? 'expire-negotiation' : 'none';
    case 'handshaking':
      return nowMs - input.stateSinceMs >= timing.handshakeTimeoutMs ? 'cancel-handshake' : 'none';
    case 'detached':
      return nowMs - input.stateSinceMs >= timing.disconnectTimeoutMs ? 'expire-detached' : 'none';
    case 'active':
      if (input.longPolling) return 'sweep-long-polling';
      if (nowMs - input.lastReceivedAtMs >= timing.clientTimeoutMs) return 'client-timeout';
      // Ping only when idle: a backed-up queue means the client has bytes coming anyway.
      return nowMs - input.lastWriteAtMs >= timing.keepAliveIntervalMs && input.queueEmpty ? 'ping' : 'none';
    case 'closed':
      return 'none';
  }
}
