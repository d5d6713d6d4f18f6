/** Its message reaches the client in the Completion error, as HubException does in ASP.NET Core. */
export class HubError extends Error {
  override readonly name = 'HubException';
}
