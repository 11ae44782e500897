import {
  type FrameResult,
  type Instrument,
  isRecord,
  parseJson,
  positiveNumber,
  type StreamAdapter,
  splitScaledBase,
} from './types.js';

/**
 * Binance spot, combined `<pair>@miniTicker` stream on the market-data host (pairs in the URL, lower case).
 * The server pings every 20 s (`ws` answers by itself), cuts every connection at 24 h and may announce it
 * with a `serverShutdown` event. 1024 streams per connection: 200 keeps the URL short.
 */
export const binance: StreamAdapter = {
  id: 'binance',
  label: 'Binance',
  maxPairs: 200,
  maxLifetimeMs: 24 * 3_600_000,
  url(root, pairs) {
    const streams = pairs.map((p) => `${p.toLowerCase()}@miniTicker`).join('/');
    return `${root.replace(/\/+$/, '')}/stream?streams=${streams}`;
  },
  subscribe: () => [],
  parse(text, now): FrameResult {
    const msg = parseJson(text);
    if (!isRecord(msg)) return { kind: 'malformed' };
    const data = isRecord(msg.data) ? msg.data : msg;
    if (data.e === 'serverShutdown') return { kind: 'shutdown' };
    if ('result' in msg && 'id' in msg) return { kind: 'control' };
    if (isRecord(msg.error)) return { kind: 'error', message: String(msg.error.msg ?? 'error') };
    if (data.e !== '24hrMiniTicker') return { kind: 'malformed' };
    const price = positiveNumber(data.c);
    if (typeof data.s !== 'string' || price === undefined) return { kind: 'malformed' };
    const time = typeof data.E === 'number' && Number.isFinite(data.E) ? data.E : now;
    return { kind: 'prices', ticks: [{ exchange: 'binance', pair: data.s.toUpperCase(), price, time }] };
  },
  instrumentsPath: '/api/v3/exchangeInfo',
  parseInstruments(body) {
    const out: Instrument[] = [];
    if (!isRecord(body) || !Array.isArray(body.symbols)) return out;
    for (const s of body.symbols) {
      if (!isRecord(s) || s.status !== 'TRADING' || s.isSpotTradingAllowed === false) continue;
      if (typeof s.symbol !== 'string' || typeof s.baseAsset !== 'string' || typeof s.quoteAsset !== 'string')
        continue;
      const { base, scale } = splitScaledBase(s.baseAsset.toUpperCase());
      out.push({
        exchange: 'binance',
        pair: s.symbol.toUpperCase(),
        base,
        quote: s.quoteAsset.toUpperCase(),
        scale,
      });
    }
    return out;
  },
};
