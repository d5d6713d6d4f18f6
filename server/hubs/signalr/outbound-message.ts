// A message on its way to one or many connections, encoded at most once per protocol: a group
// send to 10,000 MessagePack clients costs one encode, not 10,000.
import type { HubProtocol, ProtocolName } from './hub-protocol';
import type { MessageSpan } from './message-span';
import { isTrackable } from './messages';
import type { HubMessage } from './messages';

export class OutboundMessage {
  readonly trackable: boolean;
  private json: MessageSpan | undefined;
  private messagepack: MessageSpan | undefined;

  constructor(readonly message: HubMessage) {
    this.trackable = isTrackable(message.type);
  }

  bytesFor(protocol: HubProtocol): MessageSpan {
    const name: ProtocolName = protocol.name;
    if (name === 'json') return (this.json ??= protocol.writeSpan(this.message));
    return (this.messagepack ??= protocol.writeSpan(this.message));
  }
}
