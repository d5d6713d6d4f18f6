// The recording writer: batches what one turn queued into one write, refuses past its bound
// (nothing queued, nothing lost silently), retries a failed write, and gives up after its
// attempts so a dead store cannot hold a run's end forever.
import { describe, expect, it } from 'vitest';
import type { RecordingBatch, RecordingSink } from './recording-store';
import { RecordingWriter } from './recording-writer';

function chunk(firstTick: number) {
  return { ports: ['a.out'], tickCount: 1, firstTick, body: new Uint8Array(19) };
}

class MemorySink implements RecordingSink {
  batches: RecordingBatch[] = [];
  failures = 0;
  async writeBatch(batch: RecordingBatch): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('store down');
    }
    this.batches.push(structuredClone(batch));
  }
}

describe('RecordingWriter', () => {
  it('writes what one turn queued as one batch, and the end with the last', async () => {
    const sink = new MemorySink();
    const writer = new RecordingWriter(sink);
    expect(writer.appendChunk(chunk(0))).toBe(true);
    expect(writer.appendEvent({ kind: 'patched', tick: 1, atMs: 100, payload: { patchHash: 'h' } })).toBe(
      true,
    );
    expect(writer.appendChunk(chunk(1))).toBe(true);
    await writer.close('complete', 'end of bars');
    expect(sink.batches).toHaveLength(1);
    expect(sink.batches[0]).toMatchObject({
      ticks: 2,
      end: { state: 'complete', reason: 'end of bars' },
      chunks: [
        { seq: 0, firstTick: 0 },
        { seq: 1, firstTick: 1 },
      ],
      events: [{ seq: 0, kind: 'patched' }],
    });
    expect(writer.written).toEqual({ chunks: 2, events: 1, bytes: 38 });
    expect(writer.appendChunk(chunk(2))).toBe(false); // closed
  });

  it('refuses past its bound and accepts again once written', async () => {
    const sink = new MemorySink();
    const writer = new RecordingWriter(sink, { queuedMax: 3 });
    expect([0, 1, 2, 3].map((tick) => writer.appendChunk(chunk(tick)))).toEqual([true, true, true, false]);
    expect(writer.queued).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(writer.queued).toBe(0);
    expect(writer.appendChunk(chunk(3))).toBe(true);
    await writer.close('truncated', null);
    expect(sink.batches.flatMap((batch) => batch.chunks.map((c) => c.firstTick))).toEqual([0, 1, 2, 3]);
  });

  it('retries a failed write, then gives up after its attempts', async () => {
    const flaky = new MemorySink();
    flaky.failures = 2;
    const errors: boolean[] = [];
    const writer = new RecordingWriter(flaky, {
      retryDelayMs: 1,
      onWriteError: (_e, _a, givenUp) => errors.push(givenUp),
    });
    writer.appendChunk(chunk(0));
    await writer.close('complete', null);
    expect(errors).toEqual([false, false]);
    expect(flaky.batches).toHaveLength(1);

    const dead = new MemorySink();
    dead.failures = 100;
    const given: boolean[] = [];
    const doomed = new RecordingWriter(dead, {
      retryDelayMs: 1,
      attemptsMax: 3,
      onWriteError: (_e, _a, up) => given.push(up),
    });
    doomed.appendChunk(chunk(0));
    await doomed.close('complete', null);
    expect(given).toEqual([false, false, true]);
    expect(doomed.failed).toBe(true);
    expect(doomed.appendChunk(chunk(1))).toBe(false);
  });
});
