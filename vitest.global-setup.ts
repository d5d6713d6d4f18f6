// Test fixtures that live under modules/ but need the file system to be read: modules/ stays
// free of I/O (test helpers included), so the runner reads them once here and hands the text
// to the tests with `inject`.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { TestProject } from 'vitest/node';
import { ensureServerBuilt } from './server/bin/build.js';
import { pgliteTemplateEnv, writePgliteTemplate } from './server/store/pglite-template';

const indicatorFixturesDir = new URL('./modules/library/indicators/fixtures/', import.meta.url);

function readGzippedText(fileName: string): string {
  return gunzipSync(readFileSync(new URL(fileName, indicatorFixturesDir))).toString('utf8');
}

export default async function setup(project: TestProject): Promise<void> {
  // The CLI tests run server/bin/patchdesk.js, which runs the compiled server/dist and rebuilds
  // it when stale; building once here keeps parallel test files from each building it.
  await ensureServerBuilt();
  // initdb once for every in-memory PGlite the tests open (server/store/pglite-template.ts),
  // kept per PGlite version in node_modules/.cache so a run of one test file does not pay it
  // again; test files run in child processes, which inherit the variable.
  process.env[pgliteTemplateEnv] = await cachedPgliteTemplate();
  project.provide('indicatorFixtureBarsCsv', readGzippedText('btc-usdt-perp-1m-first10k.csv.gz'));
  project.provide('indicatorFixtureTalibCsv', readGzippedText('talib-btc-usdt-perp-1m-first10k.csv.gz'));
}

async function cachedPgliteTemplate(): Promise<string> {
  const pglitePackage = new URL('./node_modules/@electric-sql/pglite/package.json', import.meta.url);
  const { version } = JSON.parse(readFileSync(pglitePackage, 'utf8')) as { version: string };
  const cacheDir = fileURLToPath(new URL('./node_modules/.cache/patchdesk/', import.meta.url));
  const path = join(cacheDir, `pglite-${version}-fresh-cluster.tar`);
  if (existsSync(path)) return path;
  mkdirSync(cacheDir, { recursive: true });
  // written aside and renamed: two runs starting at once never read a half-written file
  const partial = join(mkdtempSync(join(cacheDir, 'partial-')), 'fresh-cluster.tar');
  await writePgliteTemplate(partial);
  renameSync(partial, path);
  rmSync(dirname(partial), { recursive: true, force: true });
  return path;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The first 10,000 BTC-USDT perpetual 1m bars (CSV text). */
    indicatorFixtureBarsCsv: string;
    /** TA-Lib 0.4's outputs for those bars (CSV text). */
    indicatorFixtureTalibCsv: string;
  }
}
