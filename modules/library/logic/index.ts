import type { AnyModuleDefinition } from '../../sdk/define-module';
import { and } from './and';
import { crossOver } from './cross-over';
import { crossUnder } from './cross-under';
import { delay } from './delay';
import { not } from './not';
import { or } from './or';
import { sampleAndHold } from './sample-and-hold';

export const logicModules: AnyModuleDefinition[] = [
  and,
  or,
  not,
  crossOver,
  crossUnder,
  delay,
  sampleAndHold,
];
