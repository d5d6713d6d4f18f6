// Fast paths for the cells of a bar CSV, read in place from a range of bytes (ASCII/UTF-8). Each returns
// NaN for anything outside its narrow form, and the caller then reads the cell the slow,
// general way; whenever a fast path returns a number it is bit for bit the number the general
// way gives (Number() for decimals, Date.parse for ISO times). Tests check this on random cells.

/** Exact powers of ten: every 10^k with k <= 22 is a float64 without rounding. */
const exactPowersOfTen = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** 15 decimal digits always fit in the 53-bit mantissa, so accumulating them is exact. */
const maxExactDigits = 15;

/**
 * A plain decimal: optional sign, digits, optional fraction, nothing else (no spaces, quotes or
 * exponent), at most 15 digits in all. The digits form an exact integer m and the fraction
 * length k <= 15 makes 10^k exact, so m / 10^k is one correctly rounded division: the same
 * double Number() returns (the classic fast path of decimal-to-binary conversion).
 */
export function parseDecimalFast(bytes: Uint8Array, start: number, end: number): number {
  if (end <= start) return Number.NaN;
  let i = start;
  let negative = false;
  let code = bytes[i];
  if (code === 45 /* - */) {
    negative = true;
    i++;
  } else if (code === 43 /* + */) i++;
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  for (; i < end; i++) {
    code = bytes[i] - 48;
    if (code < 0 || code > 9) break;
    mantissa = mantissa * 10 + code;
    digits++;
  }
  if (i < end && bytes[i] === 46 /* . */) {
    for (i++; i < end; i++) {
      code = bytes[i] - 48;
      if (code < 0 || code > 9) break;
      mantissa = mantissa * 10 + code;
      digits++;
      scale++;
    }
  }
  if (i !== end || digits === 0 || digits > maxExactDigits) return Number.NaN;
  const value = scale === 0 ? mantissa : mantissa / exactPowersOfTen[scale];
  return negative ? -value : value;
}

/** Only ASCII digits, as an integer no larger than 2^53 - 1 (exact, as Number() reads it). */
export function parseEpochDigitsFast(bytes: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 16) return Number.NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = bytes[i] - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value <= Number.MAX_SAFE_INTEGER ? value : Number.NaN;
}

/** The last date seen and its UTC midnight; consecutive bars almost always share a day. */
export class DayCache {
  readonly date = new Uint8Array(10);
  ms = Number.NaN;

  matches(bytes: Uint8Array, start: number): boolean {
    if (Number.isNaN(this.ms)) return false;
    const date = this.date;
    // The day and month digits differ first between days: compare from the end.
    for (let i = 9; i >= 0; i--) if (bytes[start + i] !== date[i]) return false;
    return true;
  }
}

const latin1 = new TextDecoder('latin1');

/**
 * `YYYY-MM-DDTHH:MM:SS`, optionally `.sss`, optionally `Z` (no zone is UTC, as the general
 * path reads it). The date part goes through Date.parse once per distinct day (so its rules,
 * such as which dates roll over, are Date.parse's own); hours, minutes, seconds and
 * milliseconds are checked to their ranges and added.
 */
export function parseIsoTimeFast(bytes: Uint8Array, start: number, end: number, cache: DayCache): number {
  const length = end - start;
  if (length !== 19 && length !== 20 && length !== 23 && length !== 24) return Number.NaN;
  if (bytes[start + 10] !== 84 /* T */) return Number.NaN;
  let dayMs: number;
  if (cache.matches(bytes, start)) dayMs = cache.ms;
  else {
    if (!isDatePart(bytes, start)) return Number.NaN;
    const day = bytes.subarray(start, start + 10);
    dayMs = Date.parse(`${latin1.decode(day)}T00:00:00Z`);
    if (Number.isNaN(dayMs)) return Number.NaN;
    cache.date.set(day);
    cache.ms = dayMs;
  }
  if (bytes[start + 13] !== 58 /* : */ || bytes[start + 16] !== 58) return Number.NaN;
  const hours = twoDigits(bytes, start + 11);
  const minutes = twoDigits(bytes, start + 14);
  const seconds = twoDigits(bytes, start + 17);
  if (!(hours <= 23 && minutes <= 59 && seconds <= 59)) return Number.NaN;
  let milliseconds = 0;
  if (length >= 23) {
    if (bytes[start + 19] !== 46 /* . */) return Number.NaN;
    milliseconds = twoDigits(bytes, start + 20) * 10 + digitAt(bytes, start + 22);
    if (!(milliseconds >= 0)) return Number.NaN;
  }
  if ((length === 20 || length === 24) && bytes[end - 1] !== 90 /* Z */) return Number.NaN;
  return dayMs + ((hours * 60 + minutes) * 60 + seconds) * 1000 + milliseconds;
}

function isDatePart(bytes: Uint8Array, start: number): boolean {
  for (let i = 0; i < 10; i++) {
    const code = bytes[start + i];
    if (i === 4 || i === 7) {
      if (code !== 45 /* - */) return false;
    } else if (code < 48 || code > 57) return false;
  }
  return true;
}

/** Two ASCII digits as a number, or NaN. */
function twoDigits(bytes: Uint8Array, at: number): number {
  return digitAt(bytes, at) * 10 + digitAt(bytes, at + 1);
}

function digitAt(bytes: Uint8Array, at: number): number {
  const digit = bytes[at] - 48;
  return digit >= 0 && digit <= 9 ? digit : Number.NaN;
}
