// The one place where the sim venue turns a float amount of quote currency into integer minor
// units for the ledger. Every monetary amount the venue emits (fee, realised PnL, funding,
// liquidation fee, isolated margin moves) is converted here, once, and the venue's own wallet
// is kept in the same minor units, so the venue and the ledger agree to the unit.
//
// Rule: minor = round(amount * 10^decimals), to the nearest unit of the exact binary value of
// `amount`, ties away from zero. Done through Number#toFixed, which rounds the exact binary
// value (not a float product), so 1e9 USDT at 8 decimals (1e17 minor units, past 2^53) is exact.

/** USDT minor units: 1 minor unit = 1e-8 USDT (Binance's own precision for balances). */
export const QUOTE_DECIMALS = 8;

const maxAbsForToFixed = 1e21;

/** Converts a float quote amount to minor units; asserts it is finite (a NaN here is our bug). */
export function toMinorUnits(amount: number, decimals: number = QUOTE_DECIMALS): bigint {
  if (!Number.isFinite(amount) || Math.abs(amount) >= maxAbsForToFixed) {
    throw new Error(`money: cannot convert ${amount} to minor units`);
  }
  const magnitude = Math.abs(amount).toFixed(decimals); // ties round up on the magnitude
  const units = BigInt(magnitude.replace('.', ''));
  return amount < 0 ? -units : units;
}

let lastUnits = 0n;
let lastDecimals = QUOTE_DECIMALS;
let lastAmount = 0;

/** Minor units back to a float quote amount, for margin maths (comparisons, formulas). */
export function fromMinorUnits(units: bigint, decimals: number = QUOTE_DECIMALS): number {
  // The wallet is read back at every mark point of every bar and rarely changes between them;
  // a bigint -> float conversion each time was a visible part of the paper tick. Same result.
  if (units === lastUnits && decimals === lastDecimals) return lastAmount;
  lastUnits = units;
  lastDecimals = decimals;
  lastAmount = Number(units) / 10 ** decimals;
  return lastAmount;
}

/** Splits `total` minor units in proportion part/whole, truncating toward zero (bigint division). */
export function proportionOfMinorUnits(total: bigint, part: number, whole: number): bigint {
  if (!Number.isInteger(part) || !Number.isInteger(whole) || whole <= 0 || part < 0 || part > whole) {
    throw new Error(`money: bad proportion ${part}/${whole}`);
  }
  return (total * BigInt(part)) / BigInt(whole);
}
