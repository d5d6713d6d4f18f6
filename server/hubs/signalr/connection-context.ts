// The ConnectionContext a hub sees for one connection.
import type { ConnectionHost } from './connection-host';
import type { ConnectionContext } from './define-hub';

export interface ContextSubject {
  readonly connectionId: string;
  readonly authenticated: boolean;
  /** False once the connection ended. */
  isOpen(): boolean;
}

export function createConnectionContext<C extends ContextSubject>(
  connection: C,
  host: ConnectionHost<C>,
): ConnectionContext {
  const { groups } = host;
  return {
    connectionId: connection.connectionId,
    authenticated: connection.authenticated,
    groups: {
      // A call finishing after the disconnect must not put a dead connection back in a group.
      add: (group) => {
        if (connection.isOpen()) groups.add(group, connection);
      },
      remove: (group) => groups.remove(group, connection),
    },
    clients: host.clientsFor(connection),
    items: new Map(),
  };
}
