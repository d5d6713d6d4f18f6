// What a failed hub call says to a person. The SignalR client reports a server-side refusal as
// "An unexpected error occurred invoking 'savePatch' on the server. HubException: <message>";
// the person needs <message>, and for a genuine server fault only that it happened and that the
// detail is in the log. The raw text goes to the browser console (see HubClient.invoke).

/** A hub call that failed; `message` is for people, `detail` is the raw text for the log. */
export class HubCallError extends Error {
  constructor(
    message: string,
    readonly method: string,
    readonly detail: string,
    /** True when the server refused the call on purpose (a HubException): the message is its reason. */
    readonly refused: boolean,
  ) {
    super(message);
    this.name = 'HubCallError';
  }
}

const hubExceptionMarker = 'HubException: ';
// An absolute path (POSIX or Windows drive) as a server might quote one; shown by its last part.
const absolutePath = /(?:[A-Za-z]:\\|\/)(?:[^\s"'`:;,()]+[\\/])+([^\s"'`:;,()\\/]+)/g;

/** The message a person needs for a hub call that failed with `raw`. */
export function readableHubError(method: string, raw: string): { message: string; refused: boolean } {
  const marker = raw.indexOf(hubExceptionMarker);
  if (marker >= 0) {
    const reason = raw.slice(marker + hubExceptionMarker.length).trim();
    return { message: withoutPaths(reason) || `the server refused ${method}`, refused: true };
  }
  if (/not in the 'Connected' State|connection being closed|connection was stopped/i.test(raw))
    return {
      message: 'the connection to the server was lost before it answered; try again once it is back',
      refused: false,
    };
  if (raw.startsWith('An unexpected error occurred invoking'))
    return {
      message: `the server failed while handling ${method}; the details are in the server log`,
      refused: false,
    };
  return { message: withoutPaths(raw), refused: false };
}

function withoutPaths(text: string): string {
  return text.replace(absolutePath, (_match, last: string) => last);
}

export function toHubCallError(method: string, error: unknown): HubCallError {
  const raw = error instanceof Error ? error.message : String(error);
  const { message, refused } = readableHubError(method, raw);
  return new HubCallError(message, method, raw, refused);
}
