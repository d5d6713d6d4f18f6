import type { AnyModuleDefinition } from '../../sdk/define-module';
import { bars } from './bars';
import { constant } from './constant';
import { account } from './account';
import { position } from './position';
import { marketState } from './market-state';

export const sourcesModules: AnyModuleDefinition[] = [bars, constant, position, account, marketState];
