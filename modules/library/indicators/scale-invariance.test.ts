// Every indicator gives the same answer at any price scale: on prices times k, price-valued
// outputs come out times k and scale-free ones (oscillators, ratios) unchanged; likewise for
// volume where a module reads it. Checked on the BTC fixture and on a coarse-tick copy of it
// (prices rounded to 50), which has flat windows, flat paths and tied moves on most days.
//
// Agreement: NaN exactly where the unscaled run has NaN, exact 0 exactly where it has exact 0,
// and otherwise within 1e-9 relative, absolute where the unscaled value is below 1 (the rule
// the TA-Lib comparison uses, in the unscaled run's units). Pure relative agreement is not
// possible for outputs that are differences of price-sized numbers crossing zero (MACD, its
// histogram, MOM): their rounding is relative to the price, not to the difference.
import { describe, expect, it } from 'vitest';
import type { ParamValue } from '../../sdk/params';
import { runSeries } from '../../sdk/testing';
import { indicatorsModules } from './index';
import { talibTolerance, loadBars } from './testing/talib-fixture';
import type { FixtureBars } from './testing/talib-fixture';

/** How outputs respond when an input is multiplied by k: `scales` (times k) or `invariant`. */
type Response = 'scales' | 'invariant';

interface ScaleCase {
  readonly params: Record<string, ParamValue>;
  /** Response of every output to prices times k. */
  readonly price: Response;
  /** Response of every output to volume times k, for modules that read volume. */
  readonly volume?: Response;
  /**
   * Set for modules that do not read bar columns (trades, premiums, several venues' prices):
   * why, and where their scale test is instead. The bar-fixture cases below skip them.
   */
  readonly notBars?: string;
}

const scaleCases: Record<string, ScaleCase> = {
  'indicators/sma': { params: { period: 20 }, price: 'scales' },
  'indicators/ema': { params: { period: 20 }, price: 'scales' },
  'indicators/wma': { params: { period: 20 }, price: 'scales' },
  'indicators/dema': { params: { period: 20 }, price: 'scales' },
  'indicators/tema': { params: { period: 20 }, price: 'scales' },
  'indicators/kama': { params: { period: 10 }, price: 'scales' },
  'indicators/mom': { params: { period: 10 }, price: 'scales' },
  'indicators/stddev': { params: { period: 20, devs: 2 }, price: 'scales' },
  'indicators/macd': { params: { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 }, price: 'scales' },
  'indicators/bbands': { params: { period: 20, devUp: 2, devDown: 2 }, price: 'scales' },
  'indicators/atr': { params: { period: 14 }, price: 'scales' },
  'indicators/trange': { params: {}, price: 'scales' },
  'indicators/rsi': { params: { period: 14 }, price: 'invariant' },
  'indicators/roc': { params: { period: 10 }, price: 'invariant' },
  'indicators/natr': { params: { period: 14 }, price: 'invariant' },
  'indicators/adx': { params: { period: 14 }, price: 'invariant' },
  'indicators/plus_di': { params: { period: 14 }, price: 'invariant' },
  'indicators/minus_di': { params: { period: 14 }, price: 'invariant' },
  'indicators/cci': { params: { period: 20 }, price: 'invariant' },
  'indicators/willr': { params: { period: 14 }, price: 'invariant' },
  'indicators/stoch': { params: { fastkPeriod: 5, slowkPeriod: 3, slowdPeriod: 3 }, price: 'invariant' },
  'indicators/mfi': { params: { period: 14 }, price: 'invariant', volume: 'invariant' },
  'indicators/obv': { params: {}, price: 'invariant', volume: 'scales' },
  'indicators/realised-volatility': { params: { period: 20 }, price: 'invariant' },
  'indicators/trade-flow': {
    params: {},
    price: 'invariant',
    notBars: 'reads trades (price, amount, side); trade-flow.test.ts scales prices and amounts',
  },
  'indicators/funding-estimate': {
    params: {},
    price: 'invariant',
    notBars: 'reads premium fractions, not prices; nothing to scale',
  },
  'indicators/multi-venue-mark': {
    params: {},
    price: 'scales',
    notBars: "reads several venues' prices; multi-venue-mark.test.ts scales them",
  },
  'indicators/volume-profile': {
    params: {},
    price: 'scales',
    volume: 'invariant',
    notBars:
      'its bucket size is in price units, so it scales with the bucket; volume-profile.test.ts scales both',
  },
};

const factors = [1e-8, 1e-4, 1, 1e4, 1e8];
/**
 * Powers of two scale every rounding step exactly, so with no absolute threshold anywhere the
 * outputs must come out bit for bit times k: any 1e-8-style constant shows up here.
 */
const exactFactors = [2 ** -40, 2 ** 40];

/** The fixture with every price rounded to a multiple of 50 (high and low stay in order). */
function coarseTicks(bars: FixtureBars): FixtureBars {
  const round = (x: number): number => Math.round(x / 50) * 50;
  return {
    open: bars.open.map(round),
    high: bars.high.map(round),
    low: bars.low.map(round),
    close: bars.close.map(round),
    volume: bars.volume,
  };
}

/** The module's inputs from bars, prices times `priceFactor`, volume times `volumeFactor`. */
function inputsFor(
  inputNames: readonly string[],
  bars: FixtureBars,
  priceFactor: number,
  volumeFactor: number,
): Record<string, number[]> {
  const column = (name: string): number[] => {
    if (name === 'volume') return bars.volume.map((v) => v * volumeFactor);
    const prices = name === 'in' ? bars.close : bars[name as 'high' | 'low' | 'close'];
    return prices.map((p) => p * priceFactor);
  };
  return Object.fromEntries(inputNames.map((name) => [name, column(name)]));
}

/** Asserts `scaled` is `base` times `factor` under the agreement rule at the top. */
function expectScaled(
  label: string,
  scaled: readonly number[],
  base: readonly number[],
  factor: number,
): void {
  let mismatches = 0;
  let first = '';
  for (let i = 0; i < base.length; i++) {
    const want = base[i] * factor;
    const got = scaled[i];
    const ok = Number.isNaN(base[i])
      ? Number.isNaN(got)
      : base[i] === 0
        ? got === 0
        : got !== 0 && Math.abs(got - want) <= talibTolerance * Math.max(Math.abs(want), factor);
    if (!ok) {
      mismatches++;
      if (!first) first = ` first at bar ${i}: got ${got}, want ${want} (unscaled ${base[i]})`;
    }
  }
  expect(mismatches, `${label}: bars off${first}`).toBe(0);
}

describe('indicators at any price scale', () => {
  it('declares how every indicator responds to scale', () => {
    expect(Object.keys(scaleCases).sort()).toEqual(indicatorsModules.map((d) => d.type).sort());
    for (const definition of indicatorsModules) {
      const readsVolume = 'volume' in definition.inputs;
      expect(scaleCases[definition.type].volume !== undefined, definition.type).toBe(readsVolume);
    }
  });

  const series: [string, () => FixtureBars][] = [
    ['BTC fixture', loadBars],
    ['BTC fixture on a 50 tick', () => coarseTicks(loadBars())],
  ];

  describe.each(series)('%s', (_, bars) => {
    const barReaders = indicatorsModules.filter((d) => scaleCases[d.type]?.notBars === undefined);
    it.each(barReaders.map((d) => [d.type, d] as const))('%s: prices times k', (type, definition) => {
      const { params, price } = scaleCases[type];
      const names = Object.keys(definition.inputs);
      const base = runSeries(definition, params, inputsFor(names, bars(), 1, 1));
      for (const k of exactFactors) {
        const scaled = runSeries(definition, params, inputsFor(names, bars(), k, 1));
        const factor = price === 'scales' ? k : 1;
        for (const output of Object.keys(base)) {
          expect(scaled[output], `${type}.${output} at prices x ${k}`).toEqual(
            base[output].map((y) => y * factor),
          );
        }
      }
      for (const k of factors) {
        const scaled = runSeries(definition, params, inputsFor(names, bars(), k, 1));
        for (const output of Object.keys(base)) {
          expectScaled(
            `${type}.${output} at prices x ${k}`,
            scaled[output],
            base[output],
            price === 'scales' ? k : 1,
          );
        }
      }
    });

    const volumeReaders = barReaders.filter((d) => 'volume' in d.inputs).map((d) => [d.type, d] as const);
    it.each(volumeReaders)('%s: volume times k', (type, definition) => {
      const { params, volume } = scaleCases[type];
      const names = Object.keys(definition.inputs);
      const base = runSeries(definition, params, inputsFor(names, bars(), 1, 1));
      for (const k of factors) {
        const scaled = runSeries(definition, params, inputsFor(names, bars(), 1, k));
        for (const output of Object.keys(base)) {
          expectScaled(
            `${type}.${output} at volume x ${k}`,
            scaled[output],
            base[output],
            volume === 'scales' ? k : 1,
          );
        }
      }
    });
  });
});
