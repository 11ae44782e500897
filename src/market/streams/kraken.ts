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

/** Kraken's REST and v1 names for assets that v2 spells the common way. */
const V2_NAMES: Readonly<Record<string, string>> = { XBT: 'BTC', XDG: 'DOGE' };
const v2 = (asset: string) => V2_NAMES[asset] ?? asset;

/**
 * Kraken v2 `ticker` (prices are JSON numbers). A `heartbeat` arrives about once a second when idle; an
 * application-level `{"method":"ping"}` every 20 s is an extra liveness probe.
 */
export const kraken: StreamAdapter = {
  id: 'kraken',
  label: 'Kraken',
  maxPairs: 100,
  url: (root) => root,
  subscribe: (pairs) => [
    JSON.stringify({ method: 'subscribe', params: { channel: 'ticker', symbol: pairs } }),
  ],
  unsubscribe: (pairs) => [
    JSON.stringify({ method: 'unsubscribe', params: { channel: 'ticker', symbol: pairs } }),
  ],
  keepalive: { everyMs: 20_000, message: JSON.stringify({ method: 'ping' }) },
  parse(text, now): FrameResult {
    const msg = parseJson(text);
    if (!isRecord(msg)) return { kind: 'malformed' };
    if (typeof msg.method === 'string') {
      return msg.success === false
        ? { kind: 'error', message: String(msg.error ?? 'error') }
        : { kind: 'control' };
    }
    if (msg.channel === 'heartbeat' || msg.channel === 'status') return { kind: 'control' };
    if (msg.channel !== 'ticker' || !Array.isArray(msg.data)) return { kind: 'malformed' };
    const ticks: PriceTick[] = [];
    for (const d of msg.data) {
      const price = isRecord(d) ? positiveNumber(d.last) : undefined;
      if (!isRecord(d) || typeof d.symbol !== 'string' || price === undefined) continue;
      const stamp = typeof d.timestamp === 'string' ? Date.parse(d.timestamp) : Number.NaN;
      ticks.push({
        exchange: 'kraken',
        pair: d.symbol.toUpperCase(),
        price,
        time: Number.isFinite(stamp) ? stamp : now,
      });
    }
    return ticks.length > 0 ? { kind: 'prices', ticks } : { kind: 'malformed' };
  },
  instrumentsPath: '/0/public/AssetPairs',
  parseInstruments(body) {
    const out: Instrument[] = [];
    if (!isRecord(body) || !isRecord(body.result)) return out;
    for (const p of Object.values(body.result)) {
      if (!isRecord(p) || typeof p.wsname !== 'string') continue;
      if (p.status !== undefined && p.status !== 'online') continue;
      const [b, q] = p.wsname.toUpperCase().split('/');
      if (!b || !q) continue;
      const { base, scale } = splitScaledBase(v2(b));
      const quote = v2(q);
      out.push({ exchange: 'kraken', pair: `${v2(b)}/${quote}`, base, quote, scale });
    }
    return out;
  },
};
