// Large bar CSV files for the data-path benches: the bundled sample's prices repeated with
// times moved on a minute per bar, in our header layout with ISO times (the common case the
// parser is tuned for). Written in large blocks, so ten million rows take seconds.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { CsvByteWriter } from '../server/cli/csv-bytes';

const samplePath = new URL('../patches/data/btc-usdt-perp-1m-sample.csv', import.meta.url);
const startMs = Date.UTC(2022, 0, 1);
const blockRows = 50_000;

/** Writes `bars` 1-minute bars to `path`; returns the file's size in bytes. */
export function writeBarCsv(path: string, bars: number): number {
  const lines = readFileSync(samplePath, 'utf8').trimEnd().split('\n').slice(1);
  // ",open,high,low,close,volume\n" of each sample row, as bytes
  const tails = lines.map((line) => Buffer.from(`${line.slice(line.indexOf(','))}\n`, 'latin1'));
  const file = openSync(path, 'w');
  let size = 0;
  try {
    const writer = new CsvByteWriter(blockRows * 80);
    writer.ascii('time,open,high,low,close,volume\n');
    for (let i = 0; i < bars; i++) {
      writer.isoTime(startMs + i * 60_000);
      const tail = tails[i % tails.length];
      writer.reserve(tail.length);
      tail.copy(writer.bytes, writer.length);
      writer.length += tail.length;
      if ((i + 1) % blockRows === 0 || i === bars - 1) {
        const block = writer.take();
        writeSync(file, block);
        size += block.length;
      }
    }
  } finally {
    closeSync(file);
  }
  return size;
}
