// One flush per event-loop turn for the whole server: sends made during a tick (a broadcast to
// many groups, a burst of stream items) leave as one transport write per connection.

export interface Flushable {
  flush(nowMs: number): void;
}

export class FlushScheduler {
  private dirty = new Set<Flushable>();
  private spare = new Set<Flushable>();
  private scheduled = false;

  mark(target: Flushable): void {
    this.dirty.add(target);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.run);
  }

  private readonly run = (): void => {
    this.scheduled = false;
    const batch = this.dirty;
    this.dirty = this.spare;
    const nowMs = Date.now();
    for (const target of batch) target.flush(nowMs);
    batch.clear();
    this.spare = batch;
  };
}
