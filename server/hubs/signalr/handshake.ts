// The handshake: the client's first record, always JSON text ending in 0x1E, whatever the transport
// frame type; the answer is exactly `{}` + 0x1E, or `{"error":...}` + 0x1E before closing.
import type { ProtocolName, TransferFormat } from './hub-protocol';

const recordSeparatorCode = 0x1e;
export const handshakeBytesMax = 4096;
const supportedVersions = new Set([1, 2]);

export const handshakeSuccess: Buffer = Buffer.from('{}\u001e', 'utf8');

export function handshakeError(error: string): Buffer {
  return Buffer.from(JSON.stringify({ error }) + '\u001e', 'utf8');
}

export type HandshakeOutcome =
  | { kind: 'incomplete' }
  | { kind: 'accepted'; protocol: ProtocolName; version: number; rest: Buffer }
  | { kind: 'refused'; error: string };

/**
 * Reads the handshake request from everything received so far. Bytes after the separator
 * belong to the hub protocol and are returned as `rest`.
 */
export function readHandshake(
  received: Buffer,
  transferFormats: readonly TransferFormat[],
): HandshakeOutcome {
  const end = received.indexOf(recordSeparatorCode);
  if (end < 0) {
    if (received.length > handshakeBytesMax)
      return { kind: 'refused', error: `Handshake request exceeds ${handshakeBytesMax} bytes.` };
    return { kind: 'incomplete' };
  }
  let request: unknown;
  try {
    request = JSON.parse(received.subarray(0, end).toString('utf8'));
  } catch {
    return { kind: 'refused', error: 'Handshake request is not valid JSON.' };
  }
  if (typeof request !== 'object' || request === null)
    return { kind: 'refused', error: 'Handshake request must be a JSON object.' };
  const { protocol, version } = request as { protocol?: unknown; version?: unknown };
  if (typeof protocol !== 'string')
    return { kind: 'refused', error: "Handshake request is missing the 'protocol' string." };
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { kind: 'refused', error: "Handshake request is missing the 'version' integer." };
  }
  if (protocol !== 'json' && protocol !== 'messagepack')
    return { kind: 'refused', error: `The protocol '${protocol}' is not supported.` };
  if (!supportedVersions.has(version)) {
    return {
      kind: 'refused',
      error: `The server does not support version ${version} of the '${protocol}' protocol.`,
    };
  }
  const needed: TransferFormat = protocol === 'json' ? 'Text' : 'Binary';
  if (!transferFormats.includes(needed)) {
    return {
      kind: 'refused',
      error: `Cannot use the '${protocol}' protocol on the current transport. The transport does not support '${needed}' transfer format.`,
    };
  }
  return { kind: 'accepted', protocol, version, rest: received.subarray(end + 1) };
}
