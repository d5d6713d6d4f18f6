// The API hub files code against: hubMethod / hubStream / clientStream / defineHub and the
// contexts a handler receives. Argument tuples are zod schemas, validated on every call.
import { z } from 'zod';
import { UploadChannel } from './upload-channel';

export { HubError } from './hub-error';

export interface ClientProxy {
  /** Non-blocking Invocation without id: the client runs its handler, nothing comes back. */
  send(method: string, ...args: unknown[]): void;
}

export interface HubClients {
  caller: ClientProxy;
  others: ClientProxy;
  all: ClientProxy;
  client(connectionId: string): ClientProxy;
  group(name: string): ClientProxy;
  /** The group minus the caller. */
  othersInGroup(name: string): ClientProxy;
}

export interface ConnectionContext {
  connectionId: string;
  authenticated: boolean;
  groups: { add(group: string): void; remove(group: string): void };
  clients: HubClients;
  /** Per-connection state a hub may keep. */
  items: Map<string, unknown>;
}

export interface InvocationContext extends ConnectionContext {
  /** Aborted on CancelInvocation, stream end or disconnect. */
  signal: AbortSignal;
}

type Handler = (ctx: InvocationContext, ...args: unknown[]) => unknown;

export interface HubMethod {
  readonly kind: 'method' | 'stream';
  readonly args: z.ZodTuple;
  readonly handler: Handler;
  /** Stream only: unsent items of this stream are replaced by the newest when the client lags. */
  readonly coalesce: boolean;
  /** Tuple indexes that are client-to-server streams, with their item schemas. */
  readonly uploads: readonly { index: number; item: z.ZodType }[];
  /** Argument counts the wire may carry (stream arguments excluded). */
  readonly wireArgumentsMin: number;
  readonly wireArgumentsMax: number;
}

export interface HubDefinition {
  readonly name: string;
  /** Lower-cased method name -> method (ASP.NET Core matches names case-insensitively). */
  readonly methods: ReadonlyMap<string, { name: string; method: HubMethod }>;
  onConnected?(ctx: ConnectionContext): void | Promise<void>;
  onDisconnected?(ctx: ConnectionContext, error?: Error): void | Promise<void>;
}

const uploadItemSchemas = new WeakMap<z.ZodType, z.ZodType>();

/** Declares a client-to-server stream argument; the handler receives an AsyncIterable of validated items. */
export function clientStream<T extends z.ZodTypeAny>(item: T): z.ZodType<AsyncIterable<z.infer<T>>> {
  const schema = z.custom<AsyncIterable<z.infer<T>>>((value) => value instanceof UploadChannel, {
    message: 'Expected a client stream (sent as a stream id)',
  });
  uploadItemSchemas.set(schema, item);
  return schema;
}

function isOptional(schema: z.ZodType): boolean {
  return (schema as unknown as { _zod: { optin?: string } })._zod.optin === 'optional';
}

function describeMethod(
  kind: HubMethod['kind'],
  args: z.ZodTuple,
  handler: Handler,
  coalesce: boolean,
): HubMethod {
  const items = args.def.items as readonly z.ZodType[];
  const uploads: { index: number; item: z.ZodType }[] = [];
  items.forEach((schema, index) => {
    const item = uploadItemSchemas.get(schema);
    if (item !== undefined) uploads.push({ index, item });
  });
  let required = items.length;
  while (required > 0 && isOptional(items[required - 1])) required--;
  return {
    kind,
    args,
    handler,
    coalesce,
    uploads,
    wireArgumentsMin: required - uploads.filter((upload) => upload.index < required).length,
    wireArgumentsMax: args.def.rest === null ? items.length - uploads.length : Number.POSITIVE_INFINITY,
  };
}

export function hubMethod<A extends z.ZodTuple>(
  args: A,
  handler: (ctx: InvocationContext, ...args: z.infer<A>) => unknown | Promise<unknown>,
): HubMethod {
  return describeMethod('method', args, handler as unknown as Handler, false);
}

export function hubStream<A extends z.ZodTuple>(
  args: A,
  handler: (ctx: InvocationContext, ...args: z.infer<A>) => AsyncIterable<unknown>,
  options?: { coalesce?: boolean },
): HubMethod {
  return describeMethod('stream', args, handler as unknown as Handler, options?.coalesce === true);
}

export function defineHub(spec: {
  name: string;
  methods: Record<string, HubMethod>;
  onConnected?(ctx: ConnectionContext): void | Promise<void>;
  onDisconnected?(ctx: ConnectionContext, error?: Error): void | Promise<void>;
}): HubDefinition {
  const methods = new Map<string, { name: string; method: HubMethod }>();
  for (const [name, method] of Object.entries(spec.methods)) {
    const key = name.toLowerCase();
    const clash = methods.get(key);
    if (clash !== undefined) {
      throw new Error(
        `defineHub(${spec.name}): methods '${clash.name}' and '${name}' differ only in case; SignalR matches names case-insensitively`,
      );
    }
    methods.set(key, { name, method });
  }
  return { name: spec.name, methods, onConnected: spec.onConnected, onDisconnected: spec.onDisconnected };
}
