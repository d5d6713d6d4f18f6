// Absolute server paths never reach a client: a message or log record sent over the hubs has the
// server's folders (patch store, data folders, the checkout, home, temp) replaced by short
// labels, and any other absolute path under a system folder by `<path>`. The server's own log
// keeps the full text. A safety net: errors meant for clients should not hold paths to begin with.
import { homedir, tmpdir } from 'node:os';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LogRecord } from '@patchdesk/modules/contracts/hubs';
import { isForbiddenKey } from '@patchdesk/modules/sdk/forbidden-keys';

export type PathRedactor = (text: string) => string;

export interface RedactedRoot {
  path: string;
  /** What a client sees instead, e.g. `<store>`. */
  label: string;
}

/** Absolute paths under the usual top-level folders of Linux, macOS and containers. */
const systemPathPattern =
  /(?<![\w.:/-])\/(?:home|root|tmp|etc|proc|sys|dev|var|usr|opt|srv|mnt|media|run|work|private|Users|Volumes|snap|nix|boot|lib|lib64|bin|sbin|app|data|workspace)(?:\/[^\s'"`,;:)\]}]*)?/g;
const windowsPathPattern = /\b[A-Za-z]:\\[^\s'"`,;)\]}]*/g;

export function createPathRedactor(roots: readonly RedactedRoot[]): PathRedactor {
  const variants: RedactedRoot[] = [];
  for (const root of [...roots, { path: homedir(), label: '~' }, { path: tmpdir(), label: '<tmp>' }]) {
    for (const path of new Set([resolve(root.path), realOrSelf(root.path)])) {
      if (path.length > 1) variants.push({ path, label: root.label });
    }
  }
  // longest first, so the store inside the checkout reads `<store>`, not `<server>/patches`
  variants.sort((a, b) => b.path.length - a.path.length);
  return (text) => {
    if (!text.includes('/') && !text.includes('\\')) return text;
    let out = text;
    for (const { path, label } of variants) if (out.includes(path)) out = out.split(path).join(label);
    return out.replace(systemPathPattern, '<path>').replace(windowsPathPattern, '<path>');
  };
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * A copy of a log record fit for a client: paths redacted in the message and in every string of
 * its fields, and stack traces left out (they name files and lines of the server; the server's
 * own log keeps them).
 */
export function redactLogRecord(record: LogRecord, redact: PathRedactor): LogRecord {
  return {
    ...record,
    message: redact(record.message),
    run: record.run === null ? null : redact(record.run),
    fields: redactValue(record.fields, redact, 0) as Record<string, unknown>,
  };
}

const fieldDepthMax = 8;

function redactValue(value: unknown, redact: PathRedactor, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= fieldDepthMax) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'stack' || isForbiddenKey(key)) continue;
    out[key] = redactValue(item, redact, depth + 1);
  }
  return out;
}
