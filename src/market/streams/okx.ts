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
 * OKX v5 public `tickers`: one arg per pair. The server drops a connection after 30 s without data, so the
 * client sends the text `ping` every 20 s and gets the text `pong` back.
 */
export const okx: StreamAdapter = {
  id: 'okx',
  label: 'OKX',
  maxPairs: 100,
  url: (root) => root,
  subscribe: (pairs) => [
    JSON.stringify({ op: 'subscribe', args: pairs.map((instId) => ({ channel: 'tickers', instId })) }),
  ],
  unsubscribe: (pairs) => [
    JSON.stringify({ op: 'unsubscribe', args: pairs.map((instId) => ({ channel: 'tickers', instId })) }),
  ],
  keepalive: { everyMs: 20_000, message: 'ping' },
  parse(text, now): FrameResult {
    if (text === 'pong') return { kind: 'control' };
    const msg = parseJson(text);
    if (!isRecord(msg)) return { kind: 'malformed' };
    if (msg.event === 'error') return { kind: 'error', message: String(msg.msg ?? 'error') };
    if (typeof msg.event === 'string') return { kind: 'control' };
    if (!isRecord(msg.arg) || msg.arg.channel !== 'tickers' || !Array.isArray(msg.data))
      return { kind: 'malformed' };
    const ticks: PriceTick[] = [];
    for (const d of msg.data) {
      const price = isRecord(d) ? positiveNumber(d.last) : undefined;
      if (!isRecord(d) || typeof d.instId !== 'string' || price === undefined) continue;
      const ts = positiveNumber(d.ts);
      ticks.push({ exchange: 'okx', pair: d.instId.toUpperCase(), price, time: ts ?? now });
    }
    return ticks.length > 0 ? { kind: 'prices', ticks } : { kind: 'malformed' };
  },
  instrumentsPath: '/api/v5/public/instruments?instType=SPOT',
  parseInstruments(body) {
    const out: Instrument[] = [];
    if (!isRecord(body) || !Array.isArray(body.data)) return out;
    for (const i of body.data) {
      if (!isRecord(i) || typeof i.instId !== 'string' || i.state !== 'live') continue;
      if (typeof i.baseCcy !== 'string' || typeof i.quoteCcy !== 'string') continue;
      const { base, scale } = splitScaledBase(i.baseCcy.toUpperCase());
      out.push({
        exchange: 'okx',
        pair: i.instId.toUpperCase(),
        base,
        quote: i.quoteCcy.toUpperCase(),
        scale,
      });
    }
    return out;
  },
};
