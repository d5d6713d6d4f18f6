// The run's account, back into the patch: equity, free margin and margin ratio as the broker
// reports them, read from the trading feed at the start of a tick (see sources/position for
// when it steps and emits). Without a broker there is no account: it emits NaN once.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const account = defineModule({
  type: 'sources/account',
  category: 'sources',
  title: 'Account',
  description: "The run's account as the broker reports it: equity, free margin and margin ratio.",
  feed: 'bar',
  inputs: {},
  outputs: {
    equity: port.number({ description: 'Wallet balance plus unrealised PnL, in the settlement currency.' }),
    freeMargin: port.number({
      description: 'Equity not tied up as initial margin, available for new orders.',
    }),
    marginRatio: port.number({
      description: 'Maintenance margin over equity: the account is liquidated at 1.',
    }),
  },
  params: {},
  init: () => ({ version: Number.NaN }),
  step(state, _inputs, outputs, ctx) {
    const trading = ctx.feeds.trading;
    if (trading === null || trading === undefined) {
      // -1: reported that there is no broker (a broker's versions start at 0).
      if (state.version === -1) return false;
      state.version = -1;
      outputs.equity = Number.NaN;
      outputs.freeMargin = Number.NaN;
      outputs.marginRatio = Number.NaN;
      return true;
    }
    if (trading.version === state.version) return false;
    state.version = trading.version;
    const { equity, freeMargin, marginRatio } = trading.account;
    outputs.equity = equity;
    outputs.freeMargin = freeMargin;
    outputs.marginRatio = marginRatio;
    return true;
  },
});
