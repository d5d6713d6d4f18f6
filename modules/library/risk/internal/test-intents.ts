// Test-only: intents as an order module would emit them, for the gate tests.
import { createOrderIntent } from '../../../sdk/ports';
import type { OrderIntent } from '../../../sdk/ports';
import { btc } from '../../orders/internal/test-feed';

const slot = { owner: 'test' };

export function buy(quantity: number, fields: Partial<OrderIntent> = {}): OrderIntent {
  return createOrderIntent(slot, { symbol: btc, side: 'buy', quantity, ...fields });
}

export function sell(quantity: number, fields: Partial<OrderIntent> = {}): OrderIntent {
  return createOrderIntent(slot, { symbol: btc, side: 'sell', quantity, ...fields });
}
