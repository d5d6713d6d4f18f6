import type { AnyModuleDefinition } from '../../sdk/define-module';
import { bars } from './bars';
import { constant } from './constant';

export const sourcesModules: AnyModuleDefinition[] = [bars, constant];
