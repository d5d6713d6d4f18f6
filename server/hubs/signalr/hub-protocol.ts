// What a hub protocol does for a connection: parse inbound bytes, frame outbound messages.
import type { HubMessage } from './messages';
import type { MessageSpan } from './message-span';

export type ProtocolName = 'json' | 'messagepack';
export type TransferFormat = 'Text' | 'Binary';

export interface HubProtocol {
  readonly name: ProtocolName;
  readonly transferFormat: TransferFormat;
  /**
   * Parses one chunk holding whole messages. Throws InvalidDataError on malformed input. When
   * `sizes` is given, the encoded size of each returned message is pushed to it, in order
   * (what a pending invocation is charged against the connection's bytes-in-flight limit).
   */
  parse(data: Uint8Array, sizes?: number[]): HubMessage[];
  /** One framed message (record separator or length prefix included). */
  write(message: HubMessage): Buffer;
  /** The same bytes as a span: what the send path queues (no Buffer view per message). */
  writeSpan(message: HubMessage): MessageSpan;
}
