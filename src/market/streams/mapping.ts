import type { TokenId } from '../../domain/types.js';
import { EXCHANGES, type ExchangeId, type Instrument, isRecord } from './types.js';

/**
 * Token Metrics token → exchange pair, pure. A token is matched by its id: its `EXCHANGE_LIST` says which
 * exchanges to try, each exchange's instrument list gives the pairs whose base is the token's symbol, and
 * the first streamed price must agree with the token's freshest known price (`verify.ts`) before the
 * mapping is used.
 */

/** Quotes that stand for USD, best first. Other quotes (EUR, BTC, ...) are never used. */
export const QUOTES = ['USD', 'USDT', 'USDC'] as const;

/** What the bot knows of a watched token for mapping. */
export interface TokenRef {
  readonly tokenId: TokenId;
  readonly symbol: string;
  /** `exchange_id`s from the token's EXCHANGE_LIST; undefined when the list is unknown (every exchange may be tried). */
  readonly exchanges?: readonly string[];
}

export interface PairChoice {
  readonly exchange: ExchangeId;
  readonly pair: string;
  /** Units of the token one quoted price is for (1000 for `1000SATSUSDT`). Token price = price / scale. */
  readonly scale: number;
  readonly quote: string;
}

/** An operator's word on one token: use this pair, or never stream it. */
export type Override =
  | { readonly kind: 'pair'; readonly exchange: ExchangeId; readonly pair: string }
  | { readonly kind: 'forbid' };

/** Token Metrics `exchange_id` spellings per adapter (CoinGecko-style ids; Binance US is a different venue). */
const EXCHANGE_IDS: Readonly<Record<ExchangeId, readonly string[]>> = {
  binance: ['binance', 'binance_spot'],
  coinbase: ['coinbase', 'coinbase_exchange', 'coinbase_pro', 'coinbase_advanced', 'gdax'],
  okx: ['okx', 'okex', 'okx_spot'],
  kraken: ['kraken', 'kraken_spot'],
};

/** Which of our exchanges a token's EXCHANGE_LIST names (all of them when the list is unknown). */
export function listedExchanges(token: TokenRef): Set<ExchangeId> {
  if (token.exchanges === undefined) return new Set(EXCHANGES);
  const ids = new Set(token.exchanges.map((e) => e.trim().toLowerCase()));
  return new Set(EXCHANGES.filter((x) => EXCHANGE_IDS[x].some((id) => ids.has(id))));
}

/** `exchange_id`s out of raw EXCHANGE_LIST entries (objects with `exchange_id`, or plain strings). */
export function exchangeIdsOf(list: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const e of list) {
    if (typeof e === 'string') out.push(e);
    else if (isRecord(e) && typeof e.exchange_id === 'string') out.push(e.exchange_id);
  }
  return out;
}

/** An exchange's instruments by base ticker, for lookups. */
export type InstrumentIndex = ReadonlyMap<string, readonly Instrument[]>;

export function indexInstruments(list: readonly Instrument[]): InstrumentIndex {
  const out = new Map<string, Instrument[]>();
  for (const i of list) {
    if (!(QUOTES as readonly string[]).includes(i.quote)) continue;
    const arr = out.get(i.base);
    if (arr) arr.push(i);
    else out.set(i.base, [i]);
  }
  return out;
}

function rankOf(i: Instrument): number {
  // Quote first (USD, USDT, USDC); a pair per single unit before a `1000…` one.
  return (QUOTES as readonly string[]).indexOf(i.quote) * 2 + (i.scale === 1 ? 0 : 1);
}

/**
 * The pairs worth trying for a token, best first: exchanges in preference order (those its EXCHANGE_LIST
 * names), then quote preference. An override replaces the list (or empties it: forbidden).
 */
export function candidatesFor(
  token: TokenRef,
  indexes: ReadonlyMap<ExchangeId, InstrumentIndex>,
  preference: readonly ExchangeId[],
  override?: Override,
): PairChoice[] {
  if (override) return override.kind === 'forbid' ? [] : overrideChoice(override, indexes);
  const listed = listedExchanges(token);
  const base = token.symbol.trim().toUpperCase();
  const out: PairChoice[] = [];
  for (const ex of preference) {
    if (!listed.has(ex)) continue;
    const found = indexes.get(ex)?.get(base);
    if (!found || found.length === 0) continue;
    const best = [...found].sort((a, b) => rankOf(a) - rankOf(b))[0];
    if (best) out.push({ exchange: ex, pair: best.pair, scale: best.scale, quote: best.quote });
  }
  return out;
}

/** The instrument an override names, when that exchange lists it with a USD-like quote. */
function overrideChoice(
  o: { readonly exchange: ExchangeId; readonly pair: string },
  indexes: ReadonlyMap<ExchangeId, InstrumentIndex>,
): PairChoice[] {
  for (const list of indexes.get(o.exchange)?.values() ?? []) {
    const i = list.find((x) => x.pair === o.pair);
    if (i) return [{ exchange: o.exchange, pair: i.pair, scale: i.scale, quote: i.quote }];
  }
  return [];
}

/** Key of a (token, pair) gate verdict. */
export function choiceKey(tokenId: TokenId, c: Pick<PairChoice, 'exchange' | 'pair'>): string {
  return `${tokenId}|${c.exchange}:${c.pair}`;
}

/**
 * The pair each token streams from: its first candidate on an available exchange that the price gate has
 * not rejected. Tokens with none are left out (they keep the polled price).
 */
export function assignPairs(
  candidates: ReadonlyMap<TokenId, readonly PairChoice[]>,
  available: (ex: ExchangeId) => boolean,
  rejected: { has(key: string): boolean },
): Map<TokenId, PairChoice> {
  const out = new Map<TokenId, PairChoice>();
  for (const [tokenId, list] of candidates) {
    const pick = list.find((c) => available(c.exchange) && !rejected.has(choiceKey(tokenId, c)));
    if (pick) out.set(tokenId, pick);
  }
  return out;
}

/**
 * Parses the operator's PRICE_MAP_FILE: `{ "<token_id>": "exchange:PAIR" }` maps, `null`, `""` or `"none"`
 * forbids. The pair must be in that exchange's instrument list with a USD-like quote to be used. Bad entries are reported and skipped; they never stop the bot.
 */
export function parseOverrides(raw: unknown): { overrides: Map<TokenId, Override>; problems: string[] } {
  const overrides = new Map<TokenId, Override>();
  const problems: string[] = [];
  if (!isRecord(raw)) return { overrides, problems: ['PRICE_MAP_FILE must hold a JSON object'] };
  for (const [key, value] of Object.entries(raw)) {
    const tokenId = /^\d{1,12}$/.test(key) ? Number(key) : Number.NaN;
    if (!Number.isSafeInteger(tokenId) || tokenId <= 0) {
      problems.push(`${JSON.stringify(key.slice(0, 40))}: key must be a Token Metrics token id`);
      continue;
    }
    if (value === null || value === '' || value === 'none') {
      overrides.set(tokenId, { kind: 'forbid' });
      continue;
    }
    const m = typeof value === 'string' ? /^([a-z]+):([A-Za-z0-9/_.-]{2,40})$/.exec(value.trim()) : null;
    const exchange = m?.[1] as ExchangeId | undefined;
    if (!m?.[2] || !exchange || !(EXCHANGES as readonly string[]).includes(exchange)) {
      problems.push(`${key}: expected "exchange:PAIR" with exchange one of ${EXCHANGES.join(', ')}, or null`);
      continue;
    }
    overrides.set(tokenId, { kind: 'pair', exchange, pair: m[2].toUpperCase() });
  }
  return { overrides, problems };
}
