// One typed SignalR connection per hub. Method and event names and payloads come from the
// contracts in modules/contracts/hubs.ts, so a renamed method fails to compile here.
import { HubConnectionBuilder, HubConnectionState, JsonHubProtocol, LogLevel } from '@microsoft/signalr';
import type { HubConnection, IRetryPolicy, IStreamResult } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import type { HubName, LinkState } from '../stores/connection-store';
import { toHubCallError } from './hub-errors';

type AnyFunction = (...args: never[]) => unknown;
type ArgsOf<F> = F extends (...args: infer A) => unknown ? A : never;
type ResultOf<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;
type StreamItemOf<F> = F extends (...args: never[]) => AsyncIterable<infer T> ? T : never;

export type WireProtocol = 'messagepack' | 'json';

/** Reconnect forever, backing off to a few seconds: a quant leaves the editor open for days. */
export const reconnectDelayMaxMs = 5000;
const reconnectPolicy: IRetryPolicy = {
  nextRetryDelayInMilliseconds: ({ previousRetryCount }) =>
    Math.min(250 * 2 ** Math.min(previousRetryCount, 8), reconnectDelayMaxMs),
};

export interface HubClientOptions {
  hub: HubName;
  url: string;
  protocol: WireProtocol;
  onState(state: LinkState, error?: string): void;
}

export class HubClient<Methods, Events = Record<string, never>> {
  readonly connection: HubConnection;
  private readonly connectedListeners = new Set<() => void>();
  private started = false;

  constructor(private readonly options: HubClientOptions) {
    this.connection = new HubConnectionBuilder()
      .withUrl(options.url)
      .withHubProtocol(options.protocol === 'json' ? new JsonHubProtocol() : new MessagePackHubProtocol())
      .withAutomaticReconnect(reconnectPolicy)
      .withStatefulReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    this.connection.onreconnecting((error) => options.onState('reconnecting', error?.message));
    this.connection.onreconnected(() => {
      options.onState('connected');
      this.notifyConnected();
    });
    // Automatic reconnect gave up or the server closed for good: keep trying from scratch.
    this.connection.onclose((error) => {
      options.onState('disconnected', error?.message);
      if (this.started) void this.startWithRetry();
    });
  }

  get isConnected(): boolean {
    return this.connection.state === HubConnectionState.Connected;
  }

  /** Starts the connection, retrying until it succeeds; listeners run after every (re)connect. */
  async start(): Promise<void> {
    this.started = true;
    await this.startWithRetry();
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.connection.stop();
  }

  private async startWithRetry(): Promise<void> {
    for (let attempt = 0; this.started; attempt += 1) {
      if (this.connection.state !== HubConnectionState.Disconnected) return;
      this.options.onState(attempt === 0 ? 'connecting' : 'disconnected');
      try {
        await this.connection.start();
        this.options.onState('connected');
        this.notifyConnected();
        return;
      } catch (error) {
        this.options.onState('disconnected', `${this.options.hub} hub: ${(error as Error).message}`);
        const delayMs = reconnectPolicy.nextRetryDelayInMilliseconds({
          previousRetryCount: attempt,
          elapsedMilliseconds: 0,
          retryReason: error as Error,
        });
        await new Promise((resolve) => setTimeout(resolve, delayMs ?? reconnectDelayMaxMs));
      }
    }
  }

  /** Runs after the first connect and after every reconnect: the place to resynchronise. */
  onConnected(listener: () => void): () => void {
    this.connectedListeners.add(listener);
    if (this.isConnected) listener();
    return () => this.connectedListeners.delete(listener);
  }

  private notifyConnected(): void {
    for (const listener of this.connectedListeners) listener();
  }

  invoke<K extends keyof Methods & string>(
    method: K,
    ...args: ArgsOf<Methods[K]>
  ): Promise<ResultOf<Methods[K]>> {
    // A failure reaches callers as words a person can act on; the raw text stays in the console.
    return (this.connection.invoke(method, ...args) as Promise<ResultOf<Methods[K]>>).catch(
      (error: unknown) => {
        const failure = toHubCallError(method, error);
        console.warn(`${this.options.hub} hub: ${method} failed: ${failure.detail}`);
        throw failure;
      },
    );
  }

  stream<K extends keyof Methods & string>(
    method: K,
    ...args: ArgsOf<Methods[K]>
  ): IStreamResult<StreamItemOf<Methods[K]>> {
    return this.connection.stream(method, ...args);
  }

  on<K extends keyof Events & string>(event: K, handler: Events[K] & AnyFunction): () => void {
    const callback = handler as unknown as (...args: unknown[]) => void;
    this.connection.on(event, callback);
    return () => this.connection.off(event, callback);
  }
}
