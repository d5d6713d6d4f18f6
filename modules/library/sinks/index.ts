import type { AnyModuleDefinition } from '../../sdk/define-module';
import { broker } from './broker';

export const sinksModules: AnyModuleDefinition[] = [broker];
