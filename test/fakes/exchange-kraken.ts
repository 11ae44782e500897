import type { ExchangeFormat } from './exchange-server.js';

/** Kraken v1 REST / v2 socket names: XBT in REST, BTC on the v2 socket. */
const v2 = (a: string) => (a === 'XBT' ? 'BTC' : a);

/** Kraken v2: `GET /0/public/AssetPairs`; `ticker` channel (numbers); `{"method":"ping"}` → pong. */
export const krakenFormat: ExchangeFormat = {
  instrumentsPath: '/0/public/AssetPairs',
  pairName: (p) => `${v2(p.base)}/${v2(p.quote)}`,
  instruments: (pairs) => ({
    error: [],
    result: Object.fromEntries(
      pairs.map((p) => [
        `X${p.base}Z${p.quote}`,
        {
          altname: `${p.base}${p.quote}`,
          wsname: `${p.base}/${p.quote}`,
          base: `X${p.base}`,
          quote: `Z${p.quote}`,
          status: 'online',
        },
      ]),
    ),
  }),
  priceFrame: (pair, price, time) =>
    JSON.stringify({
      channel: 'ticker',
      type: 'update',
      data: [{ symbol: pair, last: price, bid: price, ask: price, timestamp: new Date(time).toISOString() }],
    }),
  onMessage(text, client) {
    const m = JSON.parse(text) as { method: string; params?: { symbol: string[] } };
    if (m.method === 'ping') {
      client.ws.send(JSON.stringify({ method: 'pong', time_in: new Date().toISOString() }));
      return;
    }
    for (const s of m.params?.symbol ?? []) {
      if (m.method === 'subscribe') client.pairs.add(s);
      else client.pairs.delete(s);
    }
    client.ws.send(JSON.stringify({ method: m.method, success: true, result: { channel: 'ticker' } }));
  },
};
