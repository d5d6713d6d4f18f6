// The built-in module library. Each category keeps its own list; this joins them.
import { ModuleRegistry } from '../sdk/registry';
import type { AnyModuleDefinition } from '../sdk/define-module';
import { sourcesModules } from './sources/index';
import { mathModules } from './math/index';
import { logicModules } from './logic/index';
import { indicatorsModules } from './indicators/index';
import { ordersModules } from './orders/index';
import { riskModules } from './risk/index';
import { sinksModules } from './sinks/index';

export const builtinModules: readonly AnyModuleDefinition[] = [
  ...sourcesModules,
  ...mathModules,
  ...logicModules,
  ...indicatorsModules,
  ...ordersModules,
  ...riskModules,
  ...sinksModules,
];

export function createBuiltinRegistry(): ModuleRegistry {
  return new ModuleRegistry(builtinModules);
}
