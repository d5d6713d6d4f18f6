// The windows of a walk-forward: from the first bar, an in-sample span followed by an
// out-of-sample span; the next window starts one out-of-sample span later, so the out-of-sample
// spans follow each other without gap or overlap. Only whole windows are kept.
import type { BarColumns } from '../../market/bar-columns';

export const walkForwardWindowsMax = 500;

export interface WalkWindow {
  /** Bars [inSampleFrom, inSampleTo) are in-sample, [inSampleTo, outOfSampleTo) out-of-sample. */
  inSampleFrom: number;
  inSampleTo: number;
  outOfSampleTo: number;
  inSampleFromMs: number;
  outOfSampleFromMs: number;
  outOfSampleToMs: number;
}

export class WalkWindowsError extends Error {
  override readonly name = 'WalkWindowsError';
}

export function walkWindows(bars: BarColumns, inSampleMs: number, outOfSampleMs: number): WalkWindow[] {
  if (!(inSampleMs > 0) || !(outOfSampleMs > 0)) {
    throw new WalkWindowsError('the in-sample and out-of-sample spans must be positive');
  }
  const n = bars.length;
  if (n < 2) throw new WalkWindowsError('a walk-forward needs at least two bars');
  const times = bars.timeMs;
  // the data ends one bar after the last bar's open
  const endMs = times[n - 1] + (times[n - 1] - times[n - 2]);
  const windows: WalkWindow[] = [];
  for (let startMs = times[0]; startMs + inSampleMs + outOfSampleMs <= endMs; startMs += outOfSampleMs) {
    if (windows.length === walkForwardWindowsMax) {
      throw new WalkWindowsError(`over ${walkForwardWindowsMax} windows; make the out-of-sample span longer`);
    }
    const outOfSampleFromMs = startMs + inSampleMs;
    const outOfSampleToMs = outOfSampleFromMs + outOfSampleMs;
    const window = {
      inSampleFrom: lowerBound(times, n, startMs),
      inSampleTo: lowerBound(times, n, outOfSampleFromMs),
      outOfSampleTo: lowerBound(times, n, outOfSampleToMs),
      inSampleFromMs: startMs,
      outOfSampleFromMs,
      outOfSampleToMs,
    };
    // a gap in the data can leave a span without bars: such a window says nothing
    if (window.inSampleTo > window.inSampleFrom && window.outOfSampleTo > window.inSampleTo)
      windows.push(window);
  }
  if (windows.length === 0) {
    throw new WalkWindowsError(
      `the data spans ${endMs - times[0]} ms, less than one in-sample plus out-of-sample window (${inSampleMs + outOfSampleMs} ms)`,
    );
  }
  return windows;
}

/** The first index whose time is >= timeMs (n when none). */
function lowerBound(times: Float64Array, n: number, timeMs: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < timeMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
