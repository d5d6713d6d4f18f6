// Parameter declarations: typed, with defaults and bounds, checked by patch validation
// and drawn as widgets by the editor.

export type ParamValue = number | string | boolean;

export interface IntParamSpec {
  kind: 'int';
  defaultValue: number;
  min: number;
  max: number;
  description: string;
}
export interface FloatParamSpec {
  kind: 'float';
  defaultValue: number;
  min: number;
  max: number;
  description: string;
}
export interface EnumParamSpec<V extends string = string> {
  kind: 'enum';
  defaultValue: V;
  values: readonly V[];
  description: string;
}
export interface BoolParamSpec {
  kind: 'bool';
  defaultValue: boolean;
  description: string;
}

export type ParamSpec = IntParamSpec | FloatParamSpec | EnumParamSpec | BoolParamSpec;
export type ParamMap = Record<string, ParamSpec>;

export type ParamValueOf<S extends ParamSpec> =
  S extends EnumParamSpec<infer V> ? V : S extends BoolParamSpec ? boolean : number;

export type ParamValues<P extends ParamMap> = { readonly [K in keyof P]: ParamValueOf<P[K]> };

export const param = {
  int: (o: { default: number; min: number; max: number; description?: string }): IntParamSpec => ({
    kind: 'int',
    defaultValue: o.default,
    min: o.min,
    max: o.max,
    description: o.description ?? '',
  }),
  float: (o: { default: number; min: number; max: number; description?: string }): FloatParamSpec => ({
    kind: 'float',
    defaultValue: o.default,
    min: o.min,
    max: o.max,
    description: o.description ?? '',
  }),
  enum: <const V extends string>(o: {
    default: V;
    values: readonly V[];
    description?: string;
  }): EnumParamSpec<V> => ({
    kind: 'enum',
    defaultValue: o.default,
    values: o.values,
    description: o.description ?? '',
  }),
  bool: (o: { default: boolean; description?: string }): BoolParamSpec => ({
    kind: 'bool',
    defaultValue: o.default,
    description: o.description ?? '',
  }),
};

/** Why a value does not fit a param spec, or null when it does. */
export function checkParamValue(spec: ParamSpec, value: unknown): string | null {
  switch (spec.kind) {
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return `expected an integer, got ${show(value)}`;
      if (value < spec.min || value > spec.max) return `${value} is outside [${spec.min}, ${spec.max}]`;
      return null;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value))
        return `expected a finite number, got ${show(value)}`;
      if (value < spec.min || value > spec.max) return `${value} is outside [${spec.min}, ${spec.max}]`;
      return null;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value))
        return `expected one of ${spec.values.join(', ')}, got ${show(value)}`;
      return null;
    case 'bool':
      return typeof value === 'boolean' ? null : `expected true or false, got ${show(value)}`;
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}
