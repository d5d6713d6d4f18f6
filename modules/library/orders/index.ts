import type { AnyModuleDefinition } from '../../sdk/define-module';
import { bracket } from './bracket';
import { limit } from './limit';
import { market } from './market';
import { stop } from './stop';
import { takeProfit } from './take-profit';
import { targetPosition } from './target-position';

export const ordersModules: AnyModuleDefinition[] = [
  market,
  limit,
  stop,
  takeProfit,
  bracket,
  targetPosition,
];
