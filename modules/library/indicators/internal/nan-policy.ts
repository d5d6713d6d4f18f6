// The folder's NaN policy in one place: a step with any NaN input is not a sample.
export function anyNaN(a: number, b: number, c = 0, d = 0): boolean {
  return Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(c) || Number.isNaN(d);
}
