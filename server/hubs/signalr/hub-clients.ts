// HubClients: who a send goes to. Each send builds one OutboundMessage shared by all targets.
import type { ClientProxy, HubClients } from './define-hub';
import { MessageType } from './messages';
import { OutboundMessage } from './outbound-message';
import type { Groups } from './groups';

/** The part of a connection a send needs. */
export interface SendTarget {
  readonly connectionId: string;
  sendMessage(message: OutboundMessage): void;
}

export interface Audience<T extends SendTarget> {
  readonly connections: ReadonlyMap<string, T>;
  readonly groups: Groups<T>;
}

function invocation(method: string, args: unknown[]): OutboundMessage {
  return new OutboundMessage({ type: MessageType.Invocation, target: method, arguments: args });
}

function proxyOver<T extends SendTarget>(targets: () => Iterable<T> | undefined, except?: T): ClientProxy {
  return {
    send(method: string, ...args: unknown[]): void {
      const members = targets();
      if (members === undefined) return;
      let message: OutboundMessage | undefined;
      for (const member of members) {
        if (member === except) continue;
        message ??= invocation(method, args);
        member.sendMessage(message);
      }
    },
  };
}

const noCaller: ClientProxy = {
  send(method: string): void {
    throw new Error(`clients.caller.send('${method}'): there is no caller outside a hub invocation`);
  },
};

/** Clients as seen from one connection (`caller` set) or from outside any invocation. */
export function createHubClients<T extends SendTarget>(audience: Audience<T>, caller?: T): HubClients {
  const all = () => audience.connections.values();
  return {
    caller: caller === undefined ? noCaller : proxyOver(() => [caller]),
    others: proxyOver(all, caller),
    all: proxyOver(all),
    client: (connectionId: string) =>
      proxyOver(() => {
        const target = audience.connections.get(connectionId);
        return target === undefined ? undefined : [target];
      }),
    group: (name: string) => proxyOver(() => audience.groups.membersOf(name)),
    othersInGroup: (name: string) => proxyOver(() => audience.groups.membersOf(name), caller),
  };
}
