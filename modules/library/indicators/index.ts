// Streaming indicators that match TA-Lib bar for bar (see README.md).
import type { AnyModuleDefinition } from '../../sdk/define-module';
import { adx } from './adx';
import { atr } from './atr';
import { bbands } from './bbands';
import { cci } from './cci';
import { dema } from './dema';
import { ema } from './ema';
import { fundingEstimate } from './funding-estimate';
import { kama } from './kama';
import { macd } from './macd';
import { mfi } from './mfi';
import { minusDi } from './minus-di';
import { mom } from './mom';
import { multiVenueMark } from './multi-venue-mark';
import { natr } from './natr';
import { obv } from './obv';
import { realisedVolatility } from './realised-volatility';
import { plusDi } from './plus-di';
import { roc } from './roc';
import { rsi } from './rsi';
import { sma } from './sma';
import { stddev } from './stddev';
import { stoch } from './stoch';
import { tema } from './tema';
import { tradeFlow } from './trade-flow';
import { volumeProfile } from './volume-profile';
import { trange } from './trange';
import { willr } from './willr';
import { wma } from './wma';

export const indicatorsModules: AnyModuleDefinition[] = [
  sma,
  ema,
  wma,
  dema,
  tema,
  kama,
  rsi,
  roc,
  mom,
  stddev,
  macd,
  bbands,
  atr,
  natr,
  adx,
  plusDi,
  minusDi,
  cci,
  willr,
  trange,
  stoch,
  mfi,
  obv,
  realisedVolatility,
  tradeFlow,
  fundingEstimate,
  multiVenueMark,
  volumeProfile,
];
