// The one context object the kernel hands to every step and latch: it is re-pointed at the
// module being run instead of being created per step, so a tick allocates nothing.
import type { Feeds, StepContext } from '../sdk/define-module';
import { PositionFlag } from './plan';
import type { Plan } from './plan';

export class KernelStepContext implements StepContext {
  timeMs = 0;
  /** Tick number: slots stamped with it emitted this tick. */
  tick = 0;
  /** Step position of the module being run. */
  position = 0;

  constructor(
    readonly tickIntervalMs: number,
    readonly feeds: Feeds,
    public plan: Plan,
  ) {}

  inputChanged(name: string): boolean {
    const plan = this.plan;
    const instance = plan.instances[this.position];
    const index = instance.layout.inputIndex[name];
    if (index === undefined) {
      throw new Error(
        `module ${instance.id} (${instance.layout.definition.type}): inputChanged("${name}"): no such input`,
      );
    }
    return plan.emittedAtTick[plan.inputSlot[plan.inputStart[this.position] + index]] === this.tick;
  }

  wakeAt(timeMs: number): void {
    if (Number.isNaN(timeMs)) {
      const instance = this.plan.instances[this.position];
      throw new Error(`module ${instance.id} (${instance.layout.definition.type}): wakeAt(NaN)`);
    }
    const wakeMs = this.plan.wakeMs;
    if (timeMs < wakeMs[this.position]) {
      wakeMs[this.position] = timeMs;
      this.plan.flags[this.position] |= PositionFlag.WakePending;
    }
  }
}
