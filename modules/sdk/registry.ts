// A registry maps module types to definitions, and renders the catalog that the editor,
// the CLI and the docs read.
import type { AnyModuleDefinition, ModuleCategory } from './define-module';
import type { ParamSpec, ParamValue } from './params';
import type { PortType } from './ports';

export interface CatalogPort {
  name: string;
  type: PortType;
  required: boolean;
  description: string;
}

export type CatalogParam = { name: string } & ParamSpec;

export interface CatalogEntry {
  type: string;
  category: ModuleCategory;
  title: string;
  description: string;
  inputs: CatalogPort[];
  outputs: CatalogPort[];
  params: CatalogParam[];
  feed: string | null;
  breaksCycles: boolean;
}

export class ModuleRegistry {
  private readonly byType = new Map<string, AnyModuleDefinition>();

  constructor(definitions: readonly AnyModuleDefinition[] = []) {
    for (const definition of definitions) this.register(definition);
  }

  register(definition: AnyModuleDefinition): void {
    if (this.byType.has(definition.type))
      throw new Error(`module type ${definition.type} is registered twice`);
    this.byType.set(definition.type, definition);
  }

  get(type: string): AnyModuleDefinition | undefined {
    return this.byType.get(type);
  }

  types(): string[] {
    return [...this.byType.keys()].sort();
  }

  catalog(): CatalogEntry[] {
    return this.types().map((type) => catalogEntry(this.byType.get(type)!));
  }

  /** Param values with defaults filled in for any the patch leaves out. */
  paramsWithDefaults(type: string, given: Record<string, ParamValue>): Record<string, ParamValue> {
    const definition = this.byType.get(type);
    if (!definition) throw new Error(`unknown module type ${type}`);
    const out: Record<string, ParamValue> = {};
    for (const [name, spec] of Object.entries(definition.params))
      out[name] = given[name] ?? spec.defaultValue;
    return out;
  }
}

export function catalogEntry(definition: AnyModuleDefinition): CatalogEntry {
  const ports = (map: AnyModuleDefinition['inputs']): CatalogPort[] =>
    Object.entries(map).map(([name, spec]) => ({
      name,
      type: spec.type,
      required: spec.required,
      description: spec.description,
    }));
  return {
    type: definition.type,
    category: definition.category,
    title: definition.title,
    description: definition.description,
    inputs: ports(definition.inputs),
    outputs: ports(definition.outputs),
    params: Object.entries(definition.params).map(([name, spec]) => ({ name, ...spec })),
    feed: definition.feed ?? null,
    breaksCycles: typeof definition.latch === 'function',
  };
}
