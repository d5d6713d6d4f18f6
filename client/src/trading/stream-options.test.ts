import { describe, expect, it } from 'vitest';
import type { CatalogParam } from '@patchdesk/modules/sdk/registry';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { isStreamParam, streamOptions } from './stream-options';

const streams = [
  { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' },
  { venue: 'bybit', symbol: 'ETH/USDT:USDT' },
];

function paramOf(type: string, name: string): CatalogParam {
  const entry = createBuiltinRegistry()
    .catalog()
    .find((module) => module.type === type);
  const param = entry?.params.find((candidate) => candidate.name === name);
  if (!param) throw new Error(`no ${type}.${name}`);
  return param;
}

describe('stream param options', () => {
  it("offers the run config's streams by index, labelled venue · symbol", () => {
    expect(streamOptions(paramOf('sources/book', 'stream'), streams, 1)).toEqual([
      { value: 0, label: 'binanceusdm · BTC/USDT:USDT' },
      { value: 1, label: 'bybit · ETH/USDT:USDT' },
    ]);
  });

  it('offers "none" for an optional stream slot, and keeps a value the list does not reach', () => {
    expect(streamOptions(paramOf('sources/aggregated-book-depth', 'streamB'), streams, 4)).toEqual([
      { value: -1, label: 'none' },
      { value: 0, label: 'binanceusdm · BTC/USDT:USDT' },
      { value: 1, label: 'bybit · ETH/USDT:USDT' },
      { value: 4, label: '4 · not in the run config' },
    ]);
  });

  it('falls back to the number field with no streams, or for a param that is not a stream', () => {
    expect(streamOptions(paramOf('sources/book', 'stream'), [], 0)).toBeNull();
    const other: CatalogParam = {
      name: 'period',
      kind: 'int',
      defaultValue: 14,
      min: 2,
      max: 100,
      description: 'Bars',
    };
    expect(isStreamParam(other)).toBe(false);
    expect(streamOptions(other, streams, 14)).toBeNull();
  });
});
