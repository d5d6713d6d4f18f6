// The SignalR server: the ASP.NET Core SignalR protocol (negotiate, WebSockets / SSE / long
// polling, JSON and MessagePack, stateful reconnect) for the official @microsoft/signalr client.
export { clientStream, defineHub, hubMethod, hubStream, HubError } from './define-hub';
export type {
  ClientProxy,
  ConnectionContext,
  HubClients,
  HubDefinition,
  HubMethod,
  InvocationContext,
} from './define-hub';
export { SignalRServer } from './server';
export { hostRefusal, isLoopbackName, parseHost } from './host-policy';
export type { HostRules } from './host-policy';
export type { SignalRServerOptions } from './options';
export type { EndpointStats } from './hub-endpoint';
export type { TransportKind } from './transports/transport';
export { toFloat64Array } from './wire-values';
