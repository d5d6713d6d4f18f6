// A client-to-server stream as the hub method sees it: an AsyncIterable of validated items,
// fed by StreamItem messages and ended by the Completion that carries its stream id.
import type { z } from 'zod';
import { describeForbiddenKey, findForbiddenKey } from '@patchdesk/modules/sdk/forbidden-keys';
import { HubError } from './hub-error';

export class UploadChannel<T = unknown> implements AsyncIterable<T> {
  private items: T[] = [];
  private done = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private consumed = false;

  constructor(
    readonly streamId: string,
    private readonly itemSchema: z.ZodType,
    /** e.g. "argument 1 of 'uploadSum'", for error messages. */
    private readonly description: string,
    private readonly itemsMax: number,
  ) {}

  push(item: unknown): void {
    if (this.done) return;
    const forbidden = findForbiddenKey(item);
    if (forbidden !== undefined) {
      this.complete(`Invalid stream item for ${this.description}: ${describeForbiddenKey(forbidden)}`);
      return;
    }
    const parsed = this.itemSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.complete(`Invalid stream item for ${this.description}: ${issue?.message ?? 'invalid'}`);
      return;
    }
    if (this.items.length >= this.itemsMax) {
      this.complete(`Stream ${this.description} has more than ${this.itemsMax} unread items.`);
      return;
    }
    this.items.push(parsed.data as T);
    this.notify();
  }

  /** Ends the stream; with an error the consumer's next read throws it. */
  complete(error?: string): void {
    if (this.done) return;
    this.done = true;
    if (error !== undefined) this.failure = new HubError(error);
    this.notify();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.consumed) throw new Error(`Client stream ${this.description} can be iterated only once`);
    this.consumed = true;
    return {
      next: async (): Promise<IteratorResult<T>> => {
        for (;;) {
          if (this.items.length > 0) return { value: this.items.shift() as T, done: false };
          if (this.failure !== undefined) throw this.failure;
          if (this.done) return { value: undefined, done: true };
          await new Promise<void>((resolve) => (this.wake = resolve));
        }
      },
      return: async (): Promise<IteratorResult<T>> => {
        this.done = true;
        this.items = [];
        return { value: undefined, done: true };
      },
    };
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
