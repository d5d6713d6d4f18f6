// What the connection needs from a transport, and what a transport reports back.
import type { TransferFormat } from '../hub-protocol';

export type TransportKind = 'WebSockets' | 'ServerSentEvents' | 'LongPolling';

export const transportBits: Record<TransportKind, number> = {
  WebSockets: 1,
  ServerSentEvents: 2,
  LongPolling: 4,
};

export const transportFormats: Record<TransportKind, readonly TransferFormat[]> = {
  WebSockets: ['Text', 'Binary'],
  ServerSentEvents: ['Text'],
  LongPolling: ['Text', 'Binary'],
};

export interface TransportEvents {
  /** Bytes from the client: one WebSocket message or one POST body. */
  received(data: Buffer): void;
  /** The transport can take more output again. */
  writable(): void;
  /** The transport ended without the connection asking (network drop, client went away). */
  closed(error?: Error): void;
}

export interface Transport {
  readonly kind: TransportKind;
  /** True when a write now goes out without piling up in memory. */
  canWrite(): boolean;
  /** Writes bytes holding whole hub messages, as one WebSocket message / SSE event / poll body. */
  write(data: Buffer, binary: boolean): void;
  /** Ends the transport after `finalData` (e.g. a Close message) has been written. */
  end(finalData: Buffer | undefined, binary: boolean): void;
  /** Stops reporting events and drops the underlying socket at once (replaced or reaped). */
  abort(): void;
  /** Bytes written but not yet handed to the network. */
  bufferedBytes(): number;
}
