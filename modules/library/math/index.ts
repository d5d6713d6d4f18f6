import type { AnyModuleDefinition } from '../../sdk/define-module';

export const mathModules: AnyModuleDefinition[] = [];
