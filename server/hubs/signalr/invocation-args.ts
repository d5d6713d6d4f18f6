// Binds wire arguments (plus client-stream channels at their declared positions) to a method's
// zod tuple, with errors that name the method, the argument and the reason. A forbidden key
// (__proto__, constructor, prototype) anywhere in the arguments refuses the call before zod sees
// it: a zod record would otherwise drop a __proto__ key without a word.
import { describeForbiddenKey, findForbiddenKey } from '@patchdesk/modules/sdk/forbidden-keys';
import type { z } from 'zod';
import { argumentLabel, describeArgumentIssue } from './argument-issues';
import type { HubMethod } from './define-hub';
import type { UploadChannel } from './upload-channel';

export type BindResult = { ok: true; args: unknown[] } | { ok: false; error: string };

function bindingFailure(method: string, detail: string): BindResult {
  return {
    ok: false,
    error: `Failed to invoke '${method}' due to an error on the server. InvalidDataException: ${detail}`,
  };
}

function expectedCount(method: HubMethod): string {
  if (method.wireArgumentsMax === Number.POSITIVE_INFINITY) return `at least ${method.wireArgumentsMin}`;
  if (method.wireArgumentsMin === method.wireArgumentsMax) return String(method.wireArgumentsMax);
  return `${method.wireArgumentsMin} to ${method.wireArgumentsMax}`;
}

/** The stream count must match before channels are created: "Client sent N stream(s), Hub method expects M." */
export function checkStreamCount(name: string, method: HubMethod, streamCount: number): string | undefined {
  if (streamCount === method.uploads.length) return undefined;
  return `Failed to invoke '${name}' due to an error on the server. InvalidDataException: Client sent ${streamCount} stream(s), Hub method expects ${method.uploads.length}.`;
}

export function bindArguments(
  name: string,
  method: HubMethod,
  wireArgs: unknown[],
  channels: UploadChannel[],
): BindResult {
  if (wireArgs.length < method.wireArgumentsMin || wireArgs.length > method.wireArgumentsMax) {
    return bindingFailure(
      name,
      `Invocation provides ${wireArgs.length} argument(s) but target expects ${expectedCount(method)}.`,
    );
  }
  let args = wireArgs;
  if (channels.length > 0) {
    args = [];
    let wireIndex = 0;
    let channelIndex = 0;
    const total = wireArgs.length + channels.length;
    for (let index = 0; index < total; index++) {
      const isUpload = channelIndex < method.uploads.length && method.uploads[channelIndex].index === index;
      args.push(isUpload ? channels[channelIndex++] : wireArgs[wireIndex++]);
    }
  }
  const items = method.args.def.items as readonly z.ZodType[];
  const forbidden = findForbiddenKey(args);
  if (forbidden !== undefined) {
    const [index, ...inner] = forbidden.path;
    const argument = typeof index === 'number' ? argumentLabel(index, items) : 'an argument';
    return bindingFailure(name, `${argument}: ${describeForbiddenKey({ key: forbidden.key, path: inner })}.`);
  }
  const parsed = method.args.safeParse(args, { reportInput: true });
  if (parsed.success) return { ok: true, args: parsed.data as unknown[] };
  return bindingFailure(name, describeArgumentIssue(parsed.error.issues[0], items));
}
