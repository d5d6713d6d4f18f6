// Money in the ledger is an integer count of minor units (bigint). Prices, sizes and fees arrive
// from venues as float64; this file is the one place where they become integers, with one
// rounding rule: round half to even on the exact decimal value of the float (its shortest
// round-trip representation, which is what the venue sent), never on a float product.
//
// Scale: 8 decimal digits for every currency and for base quantities (1 USDT = 100_000_000
// minor units, 1 BTC of position = 100_000_000 quantity units), matching the precision the
// major venues report for USDT-margined perpetuals.

export const minorUnitDigits = 8;
export const minorUnitsPerWhole = 10n ** BigInt(minorUnitDigits);

/** An exact decimal: value = mantissa / 10^digits. */
export interface Decimal {
  mantissa: bigint;
  digits: number;
}

const decimalPattern = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/** 10^0 .. 10^40 as bigints, built once: exponentiating a bigint on every fill and mark was a hot spot of the paper tick. */
const powersOfTen: readonly bigint[] = Array.from({ length: 41 }, (_, exponent) => 10n ** BigInt(exponent));

/** 10^exponent as a bigint (exponent >= 0). */
export function powerOfTen(exponent: number): bigint {
  return exponent < powersOfTen.length ? powersOfTen[exponent] : 10n ** BigInt(exponent);
}

/** The exact decimal a finite float64 stands for (its shortest round-trip form). */
export function decimalOf(value: number): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`money: expected a finite number, got ${value}`);
  const text = String(value);
  // Most prices and sizes print without an exponent ("50123.4"): read them without the regex.
  // Same mantissa and digits as the general path below (money.test.ts compares the two).
  if (!text.includes('e')) {
    const point = text.indexOf('.');
    if (point === -1) return { mantissa: BigInt(text), digits: 0 };
    return {
      mantissa: BigInt(text.slice(0, point) + text.slice(point + 1)),
      digits: text.length - point - 1,
    };
  }
  return decimalOfText(text, value);
}

/** The general reading of a float's shortest form, exponent included (exported for the test). */
export function decimalOfText(text: string, value: number): Decimal {
  const match = decimalPattern.exec(text);
  if (!match) throw new RangeError(`money: cannot read ${value} as a decimal`);
  const [, sign, whole, fraction = '', exponentText] = match;
  const exponent = exponentText ? Number(exponentText) : 0;
  let mantissa = BigInt(whole + fraction);
  let digits = fraction.length - exponent;
  if (digits < 0) {
    mantissa *= powerOfTen(-digits);
    digits = 0;
  }
  return { mantissa: sign === '-' ? -mantissa : mantissa, digits };
}

/** numerator / denominator rounded half to even (denominator > 0). */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('money: denominator must be positive');
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator - quotient * denominator;
  if (remainder === 0n) return quotient;
  const twiceRemainder = (remainder < 0n ? -remainder : remainder) * 2n;
  const awayFromZero = numerator < 0n ? quotient - 1n : quotient + 1n;
  if (twiceRemainder > denominator) return awayFromZero;
  if (twiceRemainder < denominator) return quotient;
  return quotient % 2n === 0n ? quotient : awayFromZero;
}

/** a * b / c rounded half to even, exact (c > 0). */
export function multiplyDivideHalfEven(a: bigint, b: bigint, c: bigint): bigint {
  return divideHalfEven(a * b, c);
}

/** A float amount (quote currency or base quantity) as minor units, rounded half to even. */
export function toMinorUnits(value: number): bigint {
  const { mantissa, digits } = decimalOf(value);
  if (digits <= minorUnitDigits) return mantissa * powerOfTen(minorUnitDigits - digits);
  return divideHalfEven(mantissa, powerOfTen(digits - minorUnitDigits));
}

/**
 * The notional of a quantity (in quantity units) at a float price, in quote minor units:
 * units x price exactly (both scales are 8 digits, so they cancel), rounded half to even.
 */
export function notionalMinorUnits(quantityUnits: bigint, price: number): bigint {
  const { mantissa, digits } = decimalOf(price);
  return divideHalfEven(quantityUnits * mantissa, powerOfTen(digits));
}

/** Minor units as a plain decimal string, e.g. 150000000n -> "1.5". For display and logs. */
export function formatMinorUnits(units: bigint): string {
  const negative = units < 0n;
  const absolute = negative ? -units : units;
  const whole = absolute / minorUnitsPerWhole;
  const fraction = (absolute % minorUnitsPerWhole)
    .toString()
    .padStart(minorUnitDigits, '0')
    .replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Minor units as a float, for display and float-valued signals only (never back into the ledger). */
export function minorUnitsToNumber(units: bigint): number {
  return Number(units) / Number(minorUnitsPerWhole);
}
