import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledPaths } from '../main/paths';
import { DatasetCatalog, DatasetRefusedError, isInsideFolders } from './dataset-catalog';

const header = 'time,open,high,low,close,volume\n';
const row = (minute: number, close: number) =>
  `2024-01-01T00:${String(minute).padStart(2, '0')}:00Z,${close},${close + 1},${close - 1},${close},5\n`;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'patchdesk-datasets-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function catalog(dataDirs: string[], bytesMax?: number): DatasetCatalog {
  return new DatasetCatalog({
    samplePath: bundledPaths.sampleBars,
    dataDirs,
    logger: pino({ level: 'silent' }),
    bytesMax,
  });
}

describe('DatasetCatalog', () => {
  it('lists the sample, then CSV files by name; the first folder wins a name clash', async () => {
    const first = folder({
      'b.csv': header + row(0, 10),
      'a.csv': header + row(0, 1),
      'notes.md': 'x',
      '.hidden.csv': '',
    });
    const second = folder({ 'a.csv': header + row(0, 99), 'c.CSV': header + row(0, 3) });
    const listed = await catalog([first, second]).list();
    expect(listed.map((info) => [info.id, info.source])).toEqual([
      ['sample', 'bundled'],
      ['a.csv', 'data folder'],
      ['b.csv', 'data folder'],
      ['c.CSV', 'data folder'],
    ]);
    expect((await catalog([first, second]).load('a.csv')).close[0]).toBe(1);
  });

  it('loads the bundled sample by default id and caches it', async () => {
    const datasets = catalog([]);
    const bars = await datasets.load('sample');
    expect(bars.length).toBeGreaterThan(1_000);
    expect(await datasets.load('sample')).toBe(bars);
  });

  it('never resolves an id as a path, and leaves out links out of the folder and non-files', async () => {
    const outside = folder({ 'secret.csv': header + row(0, 1) });
    const dir = folder({ 'ok.csv': header + row(0, 1) });
    symlinkSync(join(outside, 'secret.csv'), join(dir, 'link.csv'));
    symlinkSync(join(dir, 'ok.csv'), join(dir, 'inner-link.csv'));
    mkdirSync(join(dir, 'dir.csv'));
    const datasets = catalog([dir]);
    expect((await datasets.list()).map((info) => info.id)).toEqual(['sample', 'inner-link.csv', 'ok.csv']);
    for (const id of ['link.csv', 'dir.csv', join(outside, 'secret.csv'), '../' + 'ok.csv', 'ok.csv/', '']) {
      const refusal = datasets.load(id);
      await expect(refusal, id).rejects.toBeInstanceOf(DatasetRefusedError);
      await expect(refusal, id).rejects.toThrow(/^unknown dataset/);
    }
    await expect(datasets.load('../x')).rejects.toThrow(
      'unknown dataset: a dataset is named by an id from listDatasets, never a path; the datasets are: sample, inner-link.csv, ok.csv',
    );
  });

  it('refuses a file over the size cap, a file with no bars and a malformed one, naming only the id', async () => {
    const dir = folder({
      'big.csv': header + row(0, 1).repeat(100),
      'empty.csv': header,
      'bad.csv': header + row(0, 1) + '2024-01-01T00:01:00Z,secret-cell,1,1,1,1\n',
    });
    const datasets = catalog([dir], 1_000);
    await expect(datasets.load('big.csv')).rejects.toThrow(
      /^dataset 'big\.csv' is .* over the limit of 1000 bytes$/,
    );
    await expect(datasets.load('empty.csv')).rejects.toThrow("dataset 'empty.csv' holds no bars");
    await expect(datasets.load('bad.csv')).rejects.toThrow(
      "dataset 'bad.csv' is not a valid bar CSV (line 3); the server log names the problem",
    );
  });

  it('tells whether an operator path lies inside allowed folders', async () => {
    const dir = folder({ 'x.csv': header });
    expect(await isInsideFolders(join(dir, 'x.csv'), [dir])).toBe(true);
    expect(await isInsideFolders(join(dir, '..', 'x.csv'), [dir])).toBe(false);
    expect(await isInsideFolders('/etc/passwd', [dir, '/no/such/folder'])).toBe(false);
  });
});
