// What a connection needs from the hub endpoint that owns it.
import type { Logger } from 'pino';
import type { HubClients, HubDefinition } from './define-hub';
import type { FlushScheduler } from './flush-scheduler';
import type { Groups } from './groups';
import type { HubProtocol, ProtocolName } from './hub-protocol';
import type { ResolvedOptions } from './options';

export interface ConnectionHost<C> {
  readonly path: string;
  readonly hub: HubDefinition;
  readonly options: ResolvedOptions;
  readonly logger: Logger;
  readonly protocols: Readonly<Record<ProtocolName, HubProtocol>>;
  readonly scheduler: FlushScheduler;
  readonly groups: Groups<C>;
  clientsFor(connection: C): HubClients;
  /** The handshake succeeded: the connection now receives broadcasts. */
  activated(connection: C): void;
  /** The connection ended: drop it from every registry. */
  forget(connection: C): void;
}
