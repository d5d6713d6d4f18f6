// A progress bar on stderr for runs that take a while: it appears only once a run has lasted
// a second (short runs stay quiet) and only on a terminal. Progress is measured in bytes of
// the bars file (the bar count is not known before the end of a streamed file); the bars run
// so far are shown beside it.
import cliProgress from 'cli-progress';

const quietForMs = 1_000;

export class LazyProgressBar {
  private bar: cliProgress.SingleBar | null = null;
  private readonly startedAtMs = performance.now();

  constructor(
    private readonly total: number,
    private readonly enabled: boolean,
    /** What the count beside the bar counts ('bars', or 'runs' for a sweep). */
    private readonly unit = 'bars',
  ) {}

  update(value: number, bars: number): void {
    if (!this.enabled) return;
    if (!this.bar) {
      if (performance.now() - this.startedAtMs < quietForMs) return;
      this.bar = new cliProgress.SingleBar(
        {
          format: `running |{bar}| {percentage}% | {bars} ${this.unit} | ETA {eta_formatted}`,
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(this.total, value, { bars });
      return;
    }
    this.bar.update(value, { bars });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
