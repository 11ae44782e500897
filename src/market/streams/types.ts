/**
 * The small shape every exchange stream adapter has, and the values that flow out of it.
 * Pure data and pure functions: the sockets live in `connection.ts`, the REST calls in `instruments.ts`.
 */

export const EXCHANGES = ['binance', 'coinbase', 'okx', 'kraken'] as const;
export type ExchangeId = (typeof EXCHANGES)[number];

/** One streamed price. `price` is per unit of the pair's base as the exchange quotes it (see `Instrument.scale`). */
export interface PriceTick {
  readonly exchange: ExchangeId;
  /** The exchange's own pair name (`SOLUSDT`, `SOL-USD`, `SOL/USD`). */
  readonly pair: string;
  readonly price: number;
  /** Exchange event time when the frame has one, else the receive time; epoch ms. */
  readonly time: number;
}

/** What one text frame meant. Anything unparseable is `malformed` (dropped and counted by the caller). */
export type FrameResult =
  | { readonly kind: 'prices'; readonly ticks: readonly PriceTick[] }
  /** Acks, heartbeats, pongs, status: liveness only. */
  | { readonly kind: 'control' }
  /** The server announced it will close soon (Binance `serverShutdown`): reconnect now. */
  | { readonly kind: 'shutdown' }
  /** The exchange reported an error for a request (e.g. unknown pair). */
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'malformed' };

/** A tradable spot pair from an exchange's public instrument list. */
export interface Instrument {
  readonly exchange: ExchangeId;
  /** The name the stream uses. */
  readonly pair: string;
  /** Base asset as a common ticker (Kraken XBT → BTC; the `1000` prefix removed). */
  readonly base: string;
  readonly quote: string;
  /** Units of the base one quoted price is for: 1 normally, 1000 for `1000SATSUSDT`. Token price = price / scale. */
  readonly scale: number;
}

export interface StreamAdapter {
  readonly id: ExchangeId;
  /** Human name for replies ("Binance"). */
  readonly label: string;
  /** Pairs per connection (each exchange's documented limits, with margin). */
  readonly maxPairs: number;
  /** The socket URL for these pairs, from the configured socket root. */
  url(root: string, pairs: readonly string[]): string;
  /** Messages to send right after the socket opens (and on a resubscribe). Empty when pairs are in the URL. */
  subscribe(pairs: readonly string[]): string[];
  /** Messages that drop pairs; undefined when the pair set is part of the URL (reconnect instead). */
  unsubscribe?(pairs: readonly string[]): string[];
  /** Application-level keepalive: `message` sent every `everyMs` (OKX text `ping`, Kraken `{"method":"ping"}`). */
  readonly keepalive?: { readonly everyMs: number; readonly message: string };
  /** The server cuts a connection at this age (Binance: 24 h); the manager rotates a bit before it. */
  readonly maxLifetimeMs?: number;
  /** Parses one text frame. `now` stands in for frames without their own time. Never throws. */
  parse(text: string, now: number): FrameResult;
  /** Path + query of the public REST instrument list, appended to the configured REST root. */
  readonly instrumentsPath: string;
  /** Parses the instrument list's JSON body; rows that are not tradable spot pairs are left out. Never throws. */
  parseInstruments(body: unknown): Instrument[];
}

/** Parses a decimal string or number into a finite positive number, else undefined. */
export function positiveNumber(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** A `1000…` (or `1M…`) base quoted per many units: the real ticker and the unit count. */
export function splitScaledBase(base: string): { base: string; scale: number } {
  const m = /^(1000000|1000|1M)([A-Z0-9]{2,})$/.exec(base);
  if (!m?.[1] || !m[2]) return { base, scale: 1 };
  return { base: m[2], scale: m[1] === '1000' ? 1000 : 1_000_000 };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON.parse that returns undefined instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
