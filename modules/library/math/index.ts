import type { AnyModuleDefinition } from '../../sdk/define-module';
import { abs } from './abs';
import { add } from './add';
import { change } from './change';
import { clamp } from './clamp';
import { compare } from './compare';
import { divide } from './divide';
import { max } from './max';
import { min } from './min';
import { multiply } from './multiply';
import { rollingMax } from './rolling-max';
import { rollingMin } from './rolling-min';
import { subtract } from './subtract';
import { zscore } from './zscore';

export const mathModules: AnyModuleDefinition[] = [
  add,
  subtract,
  multiply,
  divide,
  abs,
  min,
  max,
  clamp,
  change,
  compare,
  rollingMin,
  rollingMax,
  zscore,
];
