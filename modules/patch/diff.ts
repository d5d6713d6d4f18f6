// Structural diff of two patches (modules matched by id, cables by their two ends), and a
// rendering of it for people: `+` added, `-` removed, `~` changed.
import type { ParamValue } from '../sdk/params';
import type { PatchDiff } from './diff-types';
import { describeCable } from './validate';
import { flattenPatch } from './flatten';
import type { Cable, Patch, PatchModule } from './types';

/**
 * Diffs the flat patches (flatten.ts) so changes inside a subpatch are named by path
 * (`~ param sub1/ema.period`); a patch whose subpatches do not flatten is diffed as it is.
 */
export function diffPatches(a: Patch, b: Patch): PatchDiff {
  return diffFlat(flatOrAsIs(a), flatOrAsIs(b));
}

function flatOrAsIs(patch: Patch): Patch {
  const flat = flattenPatch(patch);
  return flat.ok ? flat.patch : patch;
}

function diffFlat(a: Patch, b: Patch): PatchDiff {
  const before = byId(a.modules);
  const after = byId(b.modules);
  const diff: PatchDiff = {
    modulesAdded: [...after.values()].filter((module) => !before.has(module.id)),
    modulesRemoved: [...before.values()].filter((module) => !after.has(module.id)),
    paramsChanged: [],
    typesChanged: [],
    moved: [],
    cablesAdded: cablesMissingFrom(b.cables, a.cables),
    cablesRemoved: cablesMissingFrom(a.cables, b.cables),
    metadataChanged: [],
  };
  for (const [id, old] of before) {
    const next = after.get(id);
    if (!next) continue;
    if (old.type !== next.type) diff.typesChanged.push({ moduleId: id, from: old.type, to: next.type });
    const names = [...new Set([...Object.keys(old.params), ...Object.keys(next.params)])].sort();
    for (const param of names) {
      const from = ownParam(old, param);
      const to = ownParam(next, param);
      if (from !== to) diff.paramsChanged.push({ moduleId: id, param, from, to });
    }
    if (old.position.x !== next.position.x || old.position.y !== next.position.y) {
      diff.moved.push({ moduleId: id, from: { ...old.position }, to: { ...next.position } });
    }
  }
  for (const field of ['name', 'description'] as const) {
    if (a[field] !== b[field]) diff.metadataChanged.push({ field, from: a[field], to: b[field] });
  }
  return diff;
}

export function isEmptyDiff(diff: PatchDiff): boolean {
  return Object.values(diff).every((list: unknown[]) => list.length === 0);
}

/** One line per change, for the CLI and commit-style summaries. */
export function renderDiff(diff: PatchDiff): string {
  if (isEmptyDiff(diff)) return 'no changes\n';
  const lines: string[] = [];
  for (const m of diff.metadataChanged) lines.push(`~ ${m.field}: ${quote(m.from)} -> ${quote(m.to)}`);
  for (const m of diff.modulesRemoved) lines.push(`- module ${m.id} (${m.type})`);
  for (const m of diff.modulesAdded) lines.push(`+ module ${m.id} (${m.type})${renderParams(m.params)}`);
  for (const t of diff.typesChanged) lines.push(`~ module ${t.moduleId}: type ${t.from} -> ${t.to}`);
  for (const p of diff.paramsChanged) {
    lines.push(`~ param ${p.moduleId}.${p.param}: ${renderValue(p.from)} -> ${renderValue(p.to)}`);
  }
  for (const m of diff.moved) {
    lines.push(`~ moved ${m.moduleId}: (${m.from.x}, ${m.from.y}) -> (${m.to.x}, ${m.to.y})`);
  }
  for (const c of diff.cablesRemoved) lines.push(`- cable ${describeCable(c)}`);
  for (const c of diff.cablesAdded) lines.push(`+ cable ${describeCable(c)}`);
  return `${lines.join('\n')}\n`;
}

function byId(modules: readonly PatchModule[]): Map<string, PatchModule> {
  const map = new Map<string, PatchModule>();
  for (const module of modules) if (!map.has(module.id)) map.set(module.id, module);
  return map;
}

function ownParam(module: PatchModule, name: string): ParamValue | undefined {
  return Object.hasOwn(module.params, name) ? module.params[name] : undefined;
}

function cablesMissingFrom(cables: readonly Cable[], other: readonly Cable[]): Cable[] {
  const keys = new Set(other.map(describeCable));
  return cables.filter((cable) => !keys.has(describeCable(cable)));
}

function renderParams(params: Record<string, ParamValue>): string {
  const names = Object.keys(params).sort();
  if (names.length === 0) return '';
  return ` {${names.map((name) => `${name}: ${renderValue(params[name])}`).join(', ')}}`;
}

function renderValue(value: ParamValue | undefined): string {
  if (value === undefined) return '(unset)';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

const quotedLengthMax = 60;

function quote(text: string): string {
  const short = text.length > quotedLengthMax ? `${text.slice(0, quotedLengthMax - 1)}…` : text;
  return JSON.stringify(short);
}
