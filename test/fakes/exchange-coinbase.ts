import type { ExchangeFormat } from './exchange-server.js';

/** Coinbase Advanced Trade: `GET /api/v3/brokerage/market/products`; `ticker` + `heartbeats` channels. */
export const coinbaseFormat: ExchangeFormat = {
  instrumentsPath: '/api/v3/brokerage/market/products',
  pairName: (p) => `${p.base}-${p.quote}`,
  instruments: (pairs) => ({
    products: pairs.map((p) => ({
      product_id: `${p.base}-${p.quote}`,
      base_currency_id: p.base,
      quote_currency_id: p.quote,
      status: 'online',
      trading_disabled: false,
      product_type: 'SPOT',
    })),
    num_products: pairs.length,
  }),
  priceFrame: (pair, price, time) =>
    JSON.stringify({
      channel: 'ticker',
      client_id: '',
      timestamp: new Date(time).toISOString(),
      sequence_num: 1,
      events: [{ type: 'update', tickers: [{ type: 'ticker', product_id: pair, price: String(price) }] }],
    }),
  onMessage(text, client) {
    const m = JSON.parse(text) as { type: string; channel: string; product_ids?: string[] };
    if (m.channel !== 'ticker') return;
    for (const id of m.product_ids ?? []) {
      if (m.type === 'subscribe') client.pairs.add(id);
      else if (m.type === 'unsubscribe') client.pairs.delete(id);
    }
    client.ws.send(
      JSON.stringify({
        channel: 'subscriptions',
        events: [{ subscriptions: { ticker: [...client.pairs] } }],
      }),
    );
  },
};
