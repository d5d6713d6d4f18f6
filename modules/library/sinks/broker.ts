// Where intents leave the patch: each valid intent goes into the run's outbox, which the run
// drains after the tick and hands to its broker (sim, paper or a venue). A malformed intent
// (quantity <= 0, a NaN price, an unknown symbol, below the minimum size) is refused here with
// its reason; without a broker (the editor's demo, a run with no account) every intent is
// dropped as NO_BROKER. Either way the refusal is counted, shown on `code` and, with a
// broker, reported as a risk event: nothing here can stop the run.
import { defineModule } from '../../sdk/define-module';
import type { StepContext } from '../../sdk/define-module';
import { checkOrderIntent, createIntentDenials } from '../../sdk/intent-checks';
import type { IntentDenials } from '../../sdk/intent-checks';
import { port } from '../../sdk/ports';
import type { OrderIntent } from '../../sdk/ports';
import { riskCodeNumber } from '../../sdk/risk-codes';
import type { RiskDenial, RiskDenialOf } from '../../sdk/risk-codes';
import type { RiskEvent } from '../../sdk/trading-feed';

const noBroker: RiskDenialOf<'NO_BROKER'> = Object.freeze({ code: 'NO_BROKER' });

/** Per input, so that refusals of several inputs in one tick do not share objects. */
interface Lane {
  readonly denials: IntentDenials;
  readonly outboxFull: RiskDenialOf<'OUTBOX_FULL'>;
  readonly event: RiskEvent;
}

interface SinkState {
  readonly lanes: readonly Lane[];
  sent: number;
  refused: number;
  /** Number of the latest refusal's code, 0 when the latest intent was sent. */
  code: number;
}

const optionalIntent = (which: string) =>
  port.orderIntent({
    required: false,
    description: `Another stream of intents (${which}), sent the same way.`,
  });

export const broker = defineModule({
  type: 'sinks/broker',
  category: 'sinks',
  title: 'Broker',
  description:
    "Hands order intents to the run's broker; refuses malformed ones with a reason, and drops all when the run has no broker.",
  inputs: {
    a: port.orderIntent({ description: 'Intents to send (from a risk gate, ideally).' }),
    b: optionalIntent('b'),
    c: optionalIntent('c'),
    d: optionalIntent('d'),
  },
  outputs: {
    sent: port.number({ description: 'Intents handed to the broker so far.' }),
    refused: port.number({ description: 'Intents refused or dropped so far.' }),
    code: port.number({
      description: 'Risk code number of the latest refusal; 0 when the latest intent was sent.',
    }),
  },
  params: {},
  init: (): SinkState => ({
    lanes: [0, 1, 2, 3].map(() => ({
      denials: createIntentDenials(),
      outboxFull: { code: 'OUTBOX_FULL', capacity: 0 },
      event: { atMs: Number.NaN, source: 'sinks/broker', denial: noBroker, intent: null },
    })),
    sent: 0,
    refused: 0,
    code: 0,
  }),
  step(state, inputs, outputs, ctx) {
    let handled = false;
    if (inputs.a !== null && ctx.inputChanged('a')) handled = send(state, 0, inputs.a, ctx);
    if (inputs.b !== null && ctx.inputChanged('b')) handled = send(state, 1, inputs.b, ctx);
    if (inputs.c !== null && ctx.inputChanged('c')) handled = send(state, 2, inputs.c, ctx);
    if (inputs.d !== null && ctx.inputChanged('d')) handled = send(state, 3, inputs.d, ctx);
    if (!handled) return false;
    outputs.sent = state.sent;
    outputs.refused = state.refused;
    outputs.code = state.code;
    return true;
  },
});

function send(state: SinkState, lane: number, intent: OrderIntent, ctx: StepContext): boolean {
  const { denials, outboxFull, event } = state.lanes[lane];
  const trading = ctx.feeds.trading;
  const hasBroker = trading !== null && trading !== undefined;
  let denial: RiskDenial | null = checkOrderIntent(intent, hasBroker ? trading.markets : null, denials);
  if (denial === null && !hasBroker) denial = noBroker;
  if (denial === null && hasBroker && !trading.outbox.pushIntent(intent)) {
    outboxFull.capacity = trading.outbox.capacity;
    denial = outboxFull;
  }
  if (denial === null) {
    state.sent++;
    state.code = 0;
    return true;
  }
  state.refused++;
  state.code = riskCodeNumber(denial.code);
  if (hasBroker) {
    event.atMs = ctx.timeMs;
    event.denial = denial;
    event.intent = intent;
    trading.outbox.pushRiskEvent(event);
  }
  return true;
}
