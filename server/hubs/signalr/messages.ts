// The SignalR hub messages as both protocols decode them (HubProtocol.md in dotnet/aspnetcore).
// One shape for JSON and MessagePack, so the connection and dispatcher never see wire details.

export const MessageType = {
  Invocation: 1,
  StreamItem: 2,
  Completion: 3,
  StreamInvocation: 4,
  CancelInvocation: 5,
  Ping: 6,
  Close: 7,
  Ack: 8,
  Sequence: 9,
} as const;

export type MessageHeaders = Record<string, string>;

export interface InvocationMessage {
  type: typeof MessageType.Invocation;
  headers?: MessageHeaders;
  /** Absent for `send()`: the caller wants no Completion. */
  invocationId?: string;
  target: string;
  arguments: unknown[];
  streamIds?: string[];
}

export interface StreamInvocationMessage {
  type: typeof MessageType.StreamInvocation;
  headers?: MessageHeaders;
  invocationId: string;
  target: string;
  arguments: unknown[];
  streamIds?: string[];
}

export interface StreamItemMessage {
  type: typeof MessageType.StreamItem;
  headers?: MessageHeaders;
  invocationId: string;
  item: unknown;
}

export interface CompletionMessage {
  type: typeof MessageType.Completion;
  headers?: MessageHeaders;
  invocationId: string;
  /** Set for a failed call; never together with `result`. */
  error?: string;
  /** `undefined` means a void completion (no result key / ResultKind 2); `null` is a null result. */
  result?: unknown;
}

export interface CancelInvocationMessage {
  type: typeof MessageType.CancelInvocation;
  headers?: MessageHeaders;
  invocationId: string;
}

export interface PingMessage {
  type: typeof MessageType.Ping;
}

export interface CloseMessage {
  type: typeof MessageType.Close;
  error?: string;
  allowReconnect?: boolean;
}

export interface AckMessage {
  type: typeof MessageType.Ack;
  sequenceId: number;
}

export interface SequenceMessage {
  type: typeof MessageType.Sequence;
  sequenceId: number;
}

export type HubMessage =
  | InvocationMessage
  | StreamItemMessage
  | CompletionMessage
  | StreamInvocationMessage
  | CancelInvocationMessage
  | PingMessage
  | CloseMessage
  | AckMessage
  | SequenceMessage;

/** Types 1-5 are numbered and replayed by stateful reconnect; the others are not. */
export function isTrackable(type: number): boolean {
  return type >= MessageType.Invocation && type <= MessageType.CancelInvocation;
}

/** Malformed input from a peer: the connection that sent it is closed with this message. */
export class InvalidDataError extends Error {
  override readonly name = 'InvalidDataException';
}
