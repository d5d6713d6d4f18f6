// Completion error texts, worded as ASP.NET Core words them (detailed errors off unless asked).
import { HubError } from './hub-error';

function detail(error: unknown, detailedErrors: boolean): string {
  if (error instanceof HubError) return ` HubException: ${error.message}`;
  if (detailedErrors && error instanceof Error) return ` ${error.name}: ${error.message}`;
  return '';
}

export function invocationError(method: string, error: unknown, detailedErrors: boolean): string {
  return `An unexpected error occurred invoking '${method}' on the server.${detail(error, detailedErrors)}`;
}

export function streamError(error: unknown, detailedErrors: boolean): string {
  return `An error occurred on the server while streaming results.${detail(error, detailedErrors)}`;
}

export function unknownMethod(method: string): string {
  return `Unknown hub method '${method}'`;
}

export function streamingMismatch(method: string, methodStreams: boolean): string {
  return methodStreams
    ? `The client attempted to invoke the streaming '${method}' method with a non-streaming invocation.`
    : `The client attempted to invoke the non-streaming '${method}' method with a streaming invocation.`;
}
