// Test fixtures that live under modules/ but need the file system to be read: modules/ stays
// free of I/O (test helpers included), so the runner reads them once here and hands the text
// to the tests with `inject`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { TestProject } from 'vitest/node';
import { ensureServerBuilt } from './server/bin/build.js';
import { pgliteTemplateEnv, writePgliteTemplate } from './server/store/pglite-template';

const indicatorFixturesDir = new URL('./modules/library/indicators/fixtures/', import.meta.url);

function readGzippedText(fileName: string): string {
  return gunzipSync(readFileSync(new URL(fileName, indicatorFixturesDir))).toString('utf8');
}

export default async function setup(project: TestProject): Promise<() => void> {
  // The CLI tests run server/bin/patchdesk.js, which runs the compiled server/dist and rebuilds
  // it when stale; building once here keeps parallel test files from each building it.
  await ensureServerBuilt();
  // initdb once for every in-memory PGlite the tests open (server/store/pglite-template.ts);
  // test files run in child processes, which inherit the variable.
  const templateDir = mkdtempSync(join(tmpdir(), 'patchdesk-pglite-template-'));
  const templatePath = join(templateDir, 'fresh-cluster.tar');
  await writePgliteTemplate(templatePath);
  process.env[pgliteTemplateEnv] = templatePath;
  project.provide('indicatorFixtureBarsCsv', readGzippedText('btc-usdt-perp-1m-first10k.csv.gz'));
  project.provide('indicatorFixtureTalibCsv', readGzippedText('talib-btc-usdt-perp-1m-first10k.csv.gz'));
  return () => rmSync(templateDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The first 10,000 BTC-USDT perpetual 1m bars (CSV text). */
    indicatorFixtureBarsCsv: string;
    /** TA-Lib 0.4's outputs for those bars (CSV text). */
    indicatorFixtureTalibCsv: string;
  }
}
