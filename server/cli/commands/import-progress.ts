// Progress on stderr for `patchdesk import` and `patchdesk fetch`: a bar that appears only once
// the work has lasted a second and only on a terminal (pipes and tests stay quiet), with a
// label and a count beside the percentage.
import cliProgress from 'cli-progress';

const quietForMs = 1_000;

export class StepProgress {
  private bar: cliProgress.SingleBar | null = null;
  private readonly startedAtMs = performance.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly unit: string,
    private readonly enabled = Boolean(process.stderr.isTTY),
  ) {}

  update(value: number, count: number): void {
    if (!this.enabled) return;
    if (!this.bar) {
      if (performance.now() - this.startedAtMs < quietForMs) return;
      this.bar = new cliProgress.SingleBar(
        {
          format: `${this.label} |{bar}| {percentage}% | {count} ${this.unit} | ETA {eta_formatted}`,
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(this.total, value, { count });
      return;
    }
    this.bar.update(value, { count });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
