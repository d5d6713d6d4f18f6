// The broker events a recording keeps (fills, liquidations, order acceptances, rejections and
// cancels), in the form it keeps them. The recorder and the parity re-run both go through this
// one function, so what is compared was mapped the same way on both sides.
import type { BrokerEvent } from '../../trading/broker';
import type { RecordingEvent } from './recording-types';

export function recordingEventOf(event: BrokerEvent, tick: number): RecordingEvent | null {
  switch (event.kind) {
    case 'orderFilled':
      return {
        kind: 'fill',
        tick,
        atMs: event.atMs,
        payload: {
          clientOrderId: event.clientOrderId,
          side: event.side,
          price: event.price,
          quantity: event.quantity,
          fee: event.fee,
          liquidation: false,
        },
      };
    case 'positionLiquidated':
      return {
        kind: 'fill',
        tick,
        atMs: event.atMs,
        payload: {
          clientOrderId: null,
          side: event.size > 0 ? 'sell' : 'buy',
          price: event.price,
          quantity: Math.abs(event.size),
          fee: event.fee,
          liquidation: true,
        },
      };
    case 'orderAccepted':
    case 'orderRejected':
    case 'orderCanceled': {
      const change = {
        orderAccepted: 'accepted',
        orderRejected: 'rejected',
        orderCanceled: 'canceled',
      } as const;
      return {
        kind: 'order',
        tick,
        atMs: event.atMs,
        payload: { clientOrderId: event.clientOrderId, change: change[event.kind] },
      };
    }
    default:
      return null;
  }
}
