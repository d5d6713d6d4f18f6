// Captures a value when an event happens, e.g. the entry price when an entry signal fires, and
// holds it (by emitting nothing) until the next event.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const sampleAndHold = defineModule({
  type: 'logic/sample-and-hold',
  category: 'logic',
  title: 'Sample and hold',
  description:
    "Captures the input's current value each time the trigger emits true, and holds it until the next trigger.",
  inputs: {
    in: port.number({ description: 'The value to sample, e.g. a close price.' }),
    trigger: port.bool({
      description: 'Samples when it emits true this tick; false or a held true does nothing.',
    }),
  },
  outputs: {
    out: port.number({ description: 'The value of in at the last true trigger; NaN before the first.' }),
  },
  params: {},
  init: () => null,
  step(_state, inputs, outputs, ctx) {
    // A trigger that stays true without emitting again is not a new event, nor is a change of `in`.
    if (!ctx.inputChanged('trigger') || !inputs.trigger) return false;
    outputs.out = inputs.in;
    return true;
  },
});
