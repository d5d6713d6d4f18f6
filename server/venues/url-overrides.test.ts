import { describe, expect, it } from 'vitest';
import { overrideBaseUrls } from './url-overrides';

describe('overrideBaseUrls', () => {
  it('moves scheme and host, keeps paths, fills {hostname} first', () => {
    const api = {
      public: 'https://api.{hostname}',
      ws: { public: { linear: 'wss://stream.{hostname}/v5/public/linear' } },
      fapiPublic: 'https://fapi.binance.com/fapi/v1',
      okxWs: 'wss://ws.okx.com:8443/ws/v5',
    };
    expect(
      overrideBaseUrls(api, 'bybit.com', { rest: 'http://127.0.0.1:9000/', ws: 'ws://127.0.0.1:9000' }),
    ).toEqual({
      public: 'http://127.0.0.1:9000',
      ws: { public: { linear: 'ws://127.0.0.1:9000/v5/public/linear' } },
      fapiPublic: 'http://127.0.0.1:9000/fapi/v1',
      okxWs: 'ws://127.0.0.1:9000/ws/v5',
    });
  });

  it('leaves a kind of URL alone when no override is given for it', () => {
    expect(
      overrideBaseUrls({ a: 'https://x.com/p', b: 'wss://y.com/q' }, undefined, { ws: 'ws://h:1' }),
    ).toEqual({
      a: 'https://x.com/p',
      b: 'ws://h:1/q',
    });
  });
});
