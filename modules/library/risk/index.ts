import type { AnyModuleDefinition } from '../../sdk/define-module';
import { killSwitch } from './kill-switch';
import { maxDrawdown } from './max-drawdown';
import { maxLeverage } from './max-leverage';
import { maxNotional } from './max-notional';
import { maxPosition } from './max-position';
import { orderRateLimit } from './order-rate-limit';
import { priceBand } from './price-band';
import { staleData } from './stale-data';

export const riskModules: AnyModuleDefinition[] = [
  maxPosition,
  maxNotional,
  maxLeverage,
  maxDrawdown,
  orderRateLimit,
  priceBand,
  staleData,
  killSwitch,
];
