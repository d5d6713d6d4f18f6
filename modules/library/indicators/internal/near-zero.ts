// TA-Lib treats magnitudes under 1e-8 as zero in its divisions (TA_IS_ZERO); we copy the
// threshold so results at the edges (flat windows, zero ranges) match TA-Lib's.
export const nearZeroThreshold = 0.00000001;

export function isNearZero(x: number): boolean {
  return x > -nearZeroThreshold && x < nearZeroThreshold;
}

/** TA_IS_ZERO_OR_NEG: a variance this small is reported as zero deviation. */
export function isNearZeroOrNegative(x: number): boolean {
  return x < nearZeroThreshold;
}
