import {
  type FrameResult,
  type Instrument,
  isRecord,
  type PriceTick,
  parseJson,
  positiveNumber,
  type StreamAdapter,
  splitScaledBase,
} from './types.js';

/**
 * Coinbase Advanced Trade: `ticker` for prices plus `heartbeats`, without which quiet channels are closed
 * after 60-90 s. The subscribe must arrive within 5 s of the open. `-USDC` products answer with `-USD`
 * data, so USDC pairs are left out of the instrument list (their USD twin is there).
 */
export const coinbase: StreamAdapter = {
  id: 'coinbase',
  label: 'Coinbase',
  maxPairs: 100,
  url: (root) => root,
  subscribe: (pairs) => [
    JSON.stringify({ type: 'subscribe', channel: 'heartbeats' }),
    JSON.stringify({ type: 'subscribe', channel: 'ticker', product_ids: pairs }),
  ],
  unsubscribe: (pairs) => [JSON.stringify({ type: 'unsubscribe', channel: 'ticker', product_ids: pairs })],
  parse(text, now): FrameResult {
    const msg = parseJson(text);
    if (!isRecord(msg)) return { kind: 'malformed' };
    if (msg.type === 'error') return { kind: 'error', message: String(msg.message ?? 'error') };
    if (msg.channel === 'heartbeats' || msg.channel === 'subscriptions') return { kind: 'control' };
    if (msg.channel !== 'ticker' || !Array.isArray(msg.events)) return { kind: 'malformed' };
    const stamp = typeof msg.timestamp === 'string' ? Date.parse(msg.timestamp) : Number.NaN;
    const time = Number.isFinite(stamp) ? stamp : now;
    const ticks: PriceTick[] = [];
    for (const ev of msg.events) {
      if (!isRecord(ev) || !Array.isArray(ev.tickers)) continue;
      for (const t of ev.tickers) {
        const price = isRecord(t) ? positiveNumber(t.price) : undefined;
        if (!isRecord(t) || typeof t.product_id !== 'string' || price === undefined) continue;
        ticks.push({ exchange: 'coinbase', pair: t.product_id.toUpperCase(), price, time });
      }
    }
    return ticks.length > 0 ? { kind: 'prices', ticks } : { kind: 'malformed' };
  },
  instrumentsPath: '/api/v3/brokerage/market/products',
  parseInstruments(body) {
    const out: Instrument[] = [];
    if (!isRecord(body) || !Array.isArray(body.products)) return out;
    for (const p of body.products) {
      if (!isRecord(p) || typeof p.product_id !== 'string') continue;
      if (p.product_type !== undefined && p.product_type !== 'SPOT') continue;
      if (p.trading_disabled === true || p.is_disabled === true) continue;
      if (p.status !== undefined && String(p.status).toLowerCase() !== 'online') continue;
      const [b, q] = p.product_id.toUpperCase().split('-');
      const rawBase = typeof p.base_currency_id === 'string' && p.base_currency_id ? p.base_currency_id : b;
      const quote = typeof p.quote_currency_id === 'string' && p.quote_currency_id ? p.quote_currency_id : q;
      if (!rawBase || !quote || quote.toUpperCase() === 'USDC') continue;
      const { base, scale } = splitScaledBase(rawBase.toUpperCase());
      out.push({
        exchange: 'coinbase',
        pair: p.product_id.toUpperCase(),
        base,
        quote: quote.toUpperCase(),
        scale,
      });
    }
    return out;
  },
};
