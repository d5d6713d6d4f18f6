import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ProbeCsvWriter } from './probe-csv';

function collectingSink() {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { sink, chunks, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('ProbeCsvWriter', () => {
  it('writes a header and one row per bar, NaN as an empty cell, in batches of whole rows', async () => {
    const { sink, chunks, text } = collectingSink();
    const writer = new ProbeCsvWriter(sink, ['rsi.out', 'long.out'], 4);
    const expected = ['time,rsi.out,long.out'];
    const start = Date.UTC(2022, 0, 1, 23, 50);
    for (let i = 0; i < 10; i++) {
      const timeMs = start + i * 60_000;
      const rsi = i < 3 ? Number.NaN : 50 + i / 3;
      const long = i % 2;
      writer.addRow(timeMs, [rsi, long]);
      expected.push(`${new Date(timeMs).toISOString()},${Number.isNaN(rsi) ? '' : String(rsi)},${long}`);
    }
    // two full batches of four went out as they filled; the last two wait for close
    expect(chunks).toHaveLength(2);
    await writer.close(false);
    expect(chunks).toHaveLength(3);
    expect(text()).toBe(`${expected.join('\n')}\n`);
    for (const chunk of chunks) expect(chunk.toString('utf8').endsWith('\n')).toBe(true);
  });

  it('writes the header alone when there are no rows', async () => {
    const { sink, text } = collectingSink();
    await new ProbeCsvWriter(sink, ['a.out']).close(false);
    expect(text()).toBe('time,a.out\n');
  });

  it('keeps the first write error and stops writing', async () => {
    const sink = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('disk full'));
      },
    });
    const writer = new ProbeCsvWriter(sink, ['a.out'], 1);
    writer.addRow(0, [1]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writer.error?.message).toBe('disk full');
    writer.addRow(60_000, [2]);
    await writer.close(false);
    expect(writer.error?.message).toBe('disk full');
  });
});
