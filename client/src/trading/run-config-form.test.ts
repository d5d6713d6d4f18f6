import { describe, expect, it } from 'vitest';
import { venueModelSchema } from '@patchdesk/modules/contracts/venue-model';
import { defaultVenueModel } from '../../../server/trading/session/paper-config';
import { emptyRunConfigForm, paperDefaults, runConfigBlockedReason, runConfigOf } from './run-config-form';
import { runStreamsMax as serverStreamsMax, runStreamsSchema } from '../../../server/engine/market-streams';
import { runStreamsMax } from './run-config-form';
import type { RunConfigField } from './run-config-form';

const base = { dataset: 'sample', loop: false };

describe('run config form', () => {
  it('shows the defaults the server applies', () => {
    expect(paperDefaults.startingBalance).toBe(defaultVenueModel.startingBalance);
    expect(paperDefaults.takerFeeBps / 1e4).toBe(defaultVenueModel.takerFee);
    expect(paperDefaults.leverage).toBe(defaultVenueModel.leverage);
  });

  it("refuses exactly what the server's venue schema refuses, at and either side of each limit", () => {
    // Typed value -> the venue model field the server checks (the fee is typed in bps).
    const fields: {
      field: RunConfigField;
      model: 'startingBalance' | 'takerFee' | 'leverage';
      scale: number;
      values: number[];
    }[] = [
      {
        field: 'startingBalance',
        model: 'startingBalance',
        scale: 1,
        values: [-1, 0, 1e-9, 1, 1e12, 1e12 + 1e4],
      },
      {
        field: 'takerFeeBps',
        model: 'takerFee',
        scale: 1e-4,
        values: [-100.001, -100, -99.999, 0, 99.999, 100, 100.001],
      },
      { field: 'leverage', model: 'leverage', scale: 1, values: [0, 1, 1.5, 2, 124, 125, 126] },
    ];
    let checked = 0;
    for (const { field, model, scale, values } of fields) {
      for (const value of values) {
        const formRefuses =
          runConfigOf({ ...emptyRunConfigForm, mode: 'paper', [field]: String(value) }, base).problems[
            field
          ] !== undefined;
        const schemaRefuses = !venueModelSchema.safeParse({ [model]: value * scale }).success;
        expect(formRefuses, `${field} = ${value}`).toBe(schemaRefuses);
        checked++;
      }
    }
    expect(checked).toBe(20);
  });

  it('asks for a replay with the base config when nothing is typed', () => {
    expect(runConfigOf(emptyRunConfigForm, base)).toEqual({
      config: { dataset: 'sample', loop: false },
      problems: {},
      streamProblems: {},
    });
  });

  it('passes paper mode and the venue fields, the fee converted from bps to a fraction', () => {
    const { config, problems } = runConfigOf(
      {
        ...emptyRunConfigForm,
        mode: 'paper',
        barsPerTick: '20',
        startingBalance: '25,000',
        takerFeeBps: '4.5',
        leverage: '5',
      },
      { ...base, loop: true },
    );
    expect(problems).toEqual({});
    expect(config).toEqual({
      dataset: 'sample',
      loop: false,
      mode: 'paper',
      barsPerTick: 20,
      venue: { startingBalance: 25_000, takerFee: 0.00045, leverage: 5 },
    });
  });

  it('leaves empty venue fields to the server defaults', () => {
    const { config } = runConfigOf({ ...emptyRunConfigForm, mode: 'paper' }, base);
    expect(config.venue).toEqual({});
    expect(config.mode).toBe('paper');
  });

  it('says what is wrong with a field and where', () => {
    const { problems } = runConfigOf(
      {
        ...emptyRunConfigForm,
        mode: 'paper',
        barsPerTick: '2.5',
        startingBalance: '0',
        takerFeeBps: 'x',
        leverage: '200',
      },
      base,
    );
    expect(problems).toEqual({
      barsPerTick: '2.5 is not a whole number',
      startingBalance: 'must be above 0 and at most 1,000,000,000,000',
      takerFeeBps: '"x" is not a number',
      leverage: 'must be at least 1 and at most 125',
    });
    expect(runConfigBlockedReason(problems)).toBe('Bars per tick 2.5 is not a whole number');
    expect(runConfigBlockedReason({})).toBeNull();
  });

  it('ignores the paper fields in a replay', () => {
    const { config, problems } = runConfigOf({ ...emptyRunConfigForm, leverage: '999' }, base);
    expect(problems).toEqual({});
    expect(config.venue).toBeUndefined();
  });

  describe('market streams', () => {
    const btc = { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' };
    const eth = { venue: 'bybit', symbol: 'ETH/USDT:USDT' };

    it('sends the rows in order, which the server schema accepts, and none when the list is empty', () => {
      const { config, problems } = runConfigOf({ ...emptyRunConfigForm, streams: [btc, eth] }, base);
      expect(problems).toEqual({});
      expect(config.streams).toEqual([btc, eth]);
      expect(runStreamsSchema.safeParse(config.streams).success).toBe(true);
      expect('streams' in runConfigOf(emptyRunConfigForm, base).config).toBe(false);
      expect(runStreamsMax).toBe(serverStreamsMax);
    });

    it('says which row is half filled or listed twice, and blocks Run', () => {
      const streams = [btc, { venue: '', symbol: '' }, { venue: 'okx', symbol: '' }, { ...btc }];
      const { problems, streamProblems } = runConfigOf({ ...emptyRunConfigForm, streams }, base);
      expect(streamProblems).toEqual({
        1: 'needs a venue',
        2: 'needs a symbol',
        3: 'binanceusdm · BTC/USDT:USDT is listed twice',
      });
      expect(problems).toEqual({ streams: 'row 2 needs a venue' });
      expect(runConfigBlockedReason(problems)).toBe('Market streams row 2 needs a venue');
    });

    it('refuses more streams than a run may read', () => {
      const streams = Array.from({ length: runStreamsMax + 1 }, (_, i) => ({
        venue: 'okx',
        symbol: `C${i}/USDT`,
      }));
      expect(runConfigOf({ ...emptyRunConfigForm, streams }, base).problems).toEqual({
        streams: 'are at most 32',
      });
      expect(runConfigOf({ ...emptyRunConfigForm, streams: streams.slice(1) }, base).problems).toEqual({});
    });
  });
});
