// A run's equity curve at flat memory: one point per bar; past the cap, every other point is
// dropped and the stride doubles, so a long run keeps an evenly thinned curve.
import type { EquityPoint } from '@patchdesk/modules/contracts/trading';

export const equityPointsKeptMax = 2_000;

export class EquityCurve {
  readonly #points: EquityPoint[] = [];
  #stride = 1;
  #barsSeen = 0;

  record(timeMs: number, equity: number): void {
    this.#barsSeen++;
    if (this.#barsSeen % this.#stride !== 0) return;
    this.#points.push({ timeMs, equity });
    if (this.#points.length >= equityPointsKeptMax) {
      let kept = 0;
      for (let i = 0; i < this.#points.length; i += 2) this.#points[kept++] = this.#points[i];
      this.#points.length = kept;
      this.#stride *= 2;
    }
  }

  /** The newest point, or null before the first. */
  last(): EquityPoint | null {
    return this.#points.length > 0 ? this.#points[this.#points.length - 1] : null;
  }

  points(): EquityPoint[] {
    return [...this.#points];
  }
}
