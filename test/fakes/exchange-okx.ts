import type { ExchangeFormat } from './exchange-server.js';

/** OKX v5: `GET /api/v5/public/instruments?instType=SPOT`; `tickers` channel; text `ping` → `pong`. */
export const okxFormat: ExchangeFormat = {
  instrumentsPath: '/api/v5/public/instruments',
  pairName: (p) => `${p.base}-${p.quote}`,
  instruments: (pairs) => ({
    code: '0',
    msg: '',
    data: pairs.map((p) => ({
      instType: 'SPOT',
      instId: `${p.base}-${p.quote}`,
      baseCcy: p.base,
      quoteCcy: p.quote,
      state: 'live',
    })),
  }),
  priceFrame: (pair, price, time) =>
    JSON.stringify({
      arg: { channel: 'tickers', instId: pair },
      data: [{ instType: 'SPOT', instId: pair, last: String(price), ts: String(time) }],
    }),
  onMessage(text, client) {
    if (text === 'ping') {
      client.ws.send('pong');
      return;
    }
    const m = JSON.parse(text) as { op: string; args: Array<{ channel: string; instId: string }> };
    for (const a of m.args) {
      if (m.op === 'subscribe') client.pairs.add(a.instId);
      else client.pairs.delete(a.instId);
      client.ws.send(JSON.stringify({ event: m.op, arg: a, connId: 'c1' }));
    }
  },
};
