// Parameters several order modules share, declared once so they read the same in the editor.
import { param } from '../../../sdk/params';

export const sideParam = param.enum({
  default: 'buy',
  values: ['buy', 'sell'],
  description: 'Buy (go or get longer) or sell (go or get shorter).',
});

export const quantityParam = param.float({
  default: 0.01,
  min: 1e-9,
  max: 1e9,
  description: 'Order size in base currency (BTC for BTC/USDT); rounded to the lot size at the broker.',
});

export const timeInForceParam = param.enum({
  default: 'GTC',
  values: ['GTC', 'IOC', 'FOK', 'PO'],
  description:
    'GTC rests until cancelled; IOC fills what it can at once; FOK all or nothing; PO post-only (maker).',
});
