// The folder's NaN policy in one place: a step with any NaN input is not a sample.
//
// Written as `x === x` (false only for NaN) rather than with Number.isNaN, with c and d left
// undefined when not given (undefined === undefined): 27 bytes of bytecode, the size V8
// always inlines. A call V8 does not inline boxes every number passed to it (an allocation
// per step), and this runs on every step of ten indicators, ahead of their bigger helpers.
/** True when no input is NaN, i.e. this step's inputs are a sample. */
export function isSample(a: number, b: number, c?: number, d?: number): boolean {
  return a === a && b === b && c === c && d === d;
}
