// The dead-man switch of a paper (later live) run: armed with a timeout, it expects a heartbeat
// before each deadline; a missed one fires the kill switch. It runs on wall time, not data time,
// because it guards against the person (or their connection) going away, not the market.
import type { DeadManStatus } from '@patchdesk/modules/contracts/trading';

export const deadManTimeoutSecondsMin = 1;
export const deadManTimeoutSecondsMax = 86_400;

/** Wall-clock timer functions (the real ones by default; tests may pass vitest's fake timers). */
export interface WallTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: WallTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref(); // an armed switch must not keep a finished server alive
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class DeadManSwitch {
  #timeoutSeconds: number | null = null;
  #deadlineAtMs: number | null = null;
  #timer: unknown = null;

  /** `onExpire` runs once per missed deadline, after which the switch is disarmed. */
  constructor(
    private readonly onExpire: () => void,
    private readonly timers: WallTimers = realTimers,
  ) {}

  arm(timeoutSeconds: number): DeadManStatus {
    if (
      !Number.isFinite(timeoutSeconds) ||
      timeoutSeconds < deadManTimeoutSecondsMin ||
      timeoutSeconds > deadManTimeoutSecondsMax
    ) {
      throw new RangeError(
        `dead-man timeout must be between ${deadManTimeoutSecondsMin} and ${deadManTimeoutSecondsMax} seconds, got ${timeoutSeconds}`,
      );
    }
    this.#timeoutSeconds = timeoutSeconds;
    this.#restart();
    return this.status();
  }

  /** Pushes the deadline one timeout ahead; a heartbeat to a disarmed switch changes nothing. */
  heartbeat(): DeadManStatus {
    if (this.#timeoutSeconds !== null) this.#restart();
    return this.status();
  }

  disarm(): DeadManStatus {
    this.#cancelTimer();
    this.#timeoutSeconds = null;
    this.#deadlineAtMs = null;
    return this.status();
  }

  status(): DeadManStatus {
    return {
      armed: this.#timeoutSeconds !== null,
      timeoutSeconds: this.#timeoutSeconds,
      deadlineAtMs: this.#deadlineAtMs,
    };
  }

  #restart(): void {
    this.#cancelTimer();
    const ms = (this.#timeoutSeconds as number) * 1_000;
    this.#deadlineAtMs = this.timers.now() + ms;
    this.#timer = this.timers.setTimeout(() => {
      this.#timer = null;
      this.#timeoutSeconds = null;
      this.#deadlineAtMs = null;
      this.onExpire();
    }, ms);
  }

  #cancelTimer(): void {
    if (this.#timer !== null) this.timers.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
