import type { TokenId } from '../../domain/types.js';
import { ADAPTERS } from './adapters.js';
import type { SocketFactory } from './connection.js';
import { type ExchangeStats, StreamHub } from './hub.js';
import { type FetchJson, loadAllInstruments } from './instruments.js';
import {
  assignPairs,
  candidatesFor,
  choiceKey,
  type InstrumentIndex,
  indexInstruments,
  type Override,
  type PairChoice,
  priceGate,
  type TokenRef,
} from './mapping.js';
import { realTimers, type Timers } from './timers.js';
import type { ExchangeId, PriceTick } from './types.js';

/** Where a streamed price came from, for `/levels` and alerts ("Binance SOL/USDT, 1 s ago"). */
export interface StreamSource {
  readonly exchange: ExchangeId;
  readonly label: string;
  readonly pair: string;
  /** Exchange time of the price, epoch ms. */
  readonly time: number;
  /** The pair's quote currency (`USDT`), when known: lets `sourceLabel` write SOLUSDT as SOL/USDT. */
  readonly quote?: string;
}

/** Pair names read better with a slash: SOLUSDT → SOL/USDT, SOL-USD → SOL/USD. */
function pairLabel(pair: string, quote: string | undefined): string {
  if (pair.includes('/')) return pair;
  if (pair.includes('-')) return pair.replace('-', '/');
  return quote && pair.endsWith(quote) && pair.length > quote.length
    ? `${pair.slice(0, -quote.length)}/${quote}`
    : pair;
}

/** A streamed price's origin for people: `Binance SOL/USDT`. */
export function sourceLabel(s: Pick<StreamSource, 'label' | 'pair' | 'quote'>): string {
  return `${s.label} ${pairLabel(s.pair, s.quote)}`;
}

/**
 * A token's streaming state: `live` (verified, prices flow), `pending` (waiting for a first price to check
 * against Token Metrics'), `ambiguous` (every candidate pair failed the 3% check), `forbidden` (operator
 * file), `unavailable` (its exchanges refuse us for now), `none` (no exchange lists a USD-quoted pair for it).
 */
export type MappingState = 'live' | 'pending' | 'ambiguous' | 'unavailable' | 'forbidden' | 'none';

export interface TokenFeedStatus {
  readonly state: MappingState;
  readonly choice?: PairChoice;
  readonly price?: number;
  readonly source?: StreamSource;
  /** Local receive time of the last price, epoch ms. */
  readonly receivedAt?: number;
}

export interface PriceFeedOptions {
  /** Preference order (`PRICE_EXCHANGES`). */
  readonly exchanges: readonly ExchangeId[];
  readonly wsRoots: Readonly<Partial<Record<ExchangeId, string>>>;
  readonly restRoots: Readonly<Partial<Record<ExchangeId, string>>>;
  /** Token Metrics' last price for a token (USD), for the 3% gate. */
  readonly tmPrice: (tokenId: TokenId) => number | undefined;
  /** A verified streamed price (per token, scale applied). Called on the hot path: keep it cheap. */
  readonly onPrice: (tokenId: TokenId, price: number, source: StreamSource) => void;
  readonly onMapping?: (tokenId: TokenId, state: MappingState, choice?: PairChoice) => void;
  readonly onLog?: (level: 'info' | 'warn', msg: string, fields?: Record<string, unknown>) => void;
  readonly overrides?: ReadonlyMap<TokenId, Override>;
  readonly fetchJson?: FetchJson;
  readonly timers?: Timers;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly connect?: SocketFactory;
  readonly watchdogMs?: number;
  /** Default 3 (percent). */
  readonly gatePct?: number;
  /** Instrument lists are reloaded this often. Default 1 day. */
  readonly reloadMs?: number;
}

interface Live {
  readonly choice: PairChoice;
  verified: boolean;
  price?: number;
  source?: StreamSource;
  /** Local receive time of the last price (liveness does not trust exchange clocks). */
  receivedAt?: number;
}

/**
 * Streams verified prices for the watched tokens: loads instrument lists, maps tokens to pairs by id,
 * keeps the hub's subscriptions equal to the assigned pairs, and gates each new mapping on its first price.
 */
export class PriceFeed {
  readonly hub: StreamHub;
  private indexes = new Map<ExchangeId, InstrumentIndex>();
  private watched = new Map<TokenId, TokenRef>();
  private candidates = new Map<TokenId, PairChoice[]>();
  private readonly rejected = new Set<string>();
  private assigned = new Map<TokenId, Live>();
  /** `exchange:pair` → tokens on it (two tokens may share a pair until the gate tells them apart). */
  private byPair = new Map<string, TokenId[]>();
  private readonly now: () => number;
  private readonly timers: Timers;
  private reloadHandle: unknown;
  private closed = false;

  constructor(private readonly opts: PriceFeedOptions) {
    this.now = opts.now ?? Date.now;
    this.timers = opts.timers ?? realTimers;
    const adapters = new Map(opts.exchanges.map((x) => [x, ADAPTERS[x]] as const));
    this.hub = new StreamHub({
      adapters,
      roots: opts.wsRoots,
      onTicks: (t) => this.onTicks(t),
      onAvailability: (x, ok, status) => {
        opts.onLog?.('warn', ok ? 'exchange retried after its pause' : 'exchange refused the connection', {
          exchange: x,
          ...(status === undefined ? {} : { status }),
        });
        this.sync();
      },
      onEvent: (x, e, detail) => {
        if (e === 'refused' || e === 'stall' || e === 'rotate' || e === 'shutdown')
          opts.onLog?.('info', `stream ${e}`, { exchange: x, ...(detail ? { detail } : {}) });
      },
      timers: this.timers,
      now: this.now,
      ...(opts.random ? { random: opts.random } : {}),
      ...(opts.connect ? { connect: opts.connect } : {}),
      ...(opts.watchdogMs === undefined ? {} : { watchdogMs: opts.watchdogMs }),
    });
  }

  /** Loads the instrument lists (and again every `reloadMs`), then subscribes what is watched. */
  async start(): Promise<void> {
    await this.reload();
    const every = this.opts.reloadMs ?? 86_400_000;
    const again = () => {
      this.reloadHandle = this.timers.setTimeout(() => {
        void this.reload().finally(again);
      }, every);
    };
    if (!this.closed) again();
  }

  async reload(): Promise<void> {
    const lists = await loadAllInstruments(
      this.opts.exchanges.map((x) => ADAPTERS[x]),
      this.opts.restRoots,
      this.opts.fetchJson,
      (x, err) =>
        this.opts.onLog?.('warn', 'instrument list failed; keeping the previous one', {
          exchange: x,
          err: err.message,
        }),
    );
    for (const [x, list] of lists) this.indexes.set(x, indexInstruments(list));
    this.recompute();
  }

  /** Sets the watched tokens (the whole set). Tokens that left are unsubscribed. */
  watch(tokens: Iterable<TokenRef>): void {
    this.watched = new Map([...tokens].map((t) => [t.tokenId, t]));
    this.recompute();
  }

  status(tokenId: TokenId): TokenFeedStatus {
    const a = this.assigned.get(tokenId);
    if (a) {
      return {
        state: a.verified ? 'live' : 'pending',
        choice: a.choice,
        ...(a.price === undefined ? {} : { price: a.price }),
        ...(a.source === undefined ? {} : { source: a.source }),
        ...(a.receivedAt === undefined ? {} : { receivedAt: a.receivedAt }),
      };
    }
    if (this.opts.overrides?.get(tokenId)?.kind === 'forbid') return { state: 'forbidden' };
    const cands = this.candidates.get(tokenId) ?? [];
    if (cands.length === 0) return { state: 'none' };
    return {
      state: cands.every((c) => this.rejected.has(choiceKey(tokenId, c))) ? 'ambiguous' : 'unavailable',
    };
  }

  /** A verified stream whose last price is at most `maxAgeMs` old: the tick need not poll this token's price. */
  isLive(tokenId: TokenId, maxAgeMs = 60_000): boolean {
    const a = this.assigned.get(tokenId);
    return a?.verified === true && a.receivedAt !== undefined && this.now() - a.receivedAt <= maxAgeMs;
  }

  stats(): Map<ExchangeId, ExchangeStats & { mapped: number }> {
    const mapped = new Map<ExchangeId, number>();
    for (const a of this.assigned.values())
      if (a.verified) mapped.set(a.choice.exchange, (mapped.get(a.choice.exchange) ?? 0) + 1);
    const out = new Map<ExchangeId, ExchangeStats & { mapped: number }>();
    for (const [x, s] of this.hub.stats()) out.set(x, { ...s, mapped: mapped.get(x) ?? 0 });
    return out;
  }

  close(): void {
    this.closed = true;
    if (this.reloadHandle !== undefined) this.timers.clearTimeout(this.reloadHandle);
    this.hub.close();
  }

  private recompute(): void {
    const prefs = this.opts.exchanges;
    this.candidates = new Map();
    for (const t of this.watched.values()) {
      this.candidates.set(
        t.tokenId,
        candidatesFor(t, this.indexes, prefs, this.opts.overrides?.get(t.tokenId)),
      );
    }
    this.sync();
  }

  /** Re-assigns pairs (availability or gate verdicts changed) and brings the hub's subscriptions in line. */
  private sync(): void {
    if (this.closed) return;
    const picks = assignPairs(this.candidates, (x) => this.hub.isAvailable(x), this.rejected);
    const next = new Map<TokenId, Live>();
    const byPair = new Map<string, TokenId[]>();
    for (const [tokenId, choice] of picks) {
      const prev = this.assigned.get(tokenId);
      const same = prev && prev.choice.exchange === choice.exchange && prev.choice.pair === choice.pair;
      next.set(tokenId, same ? prev : { choice, verified: false });
      const key = `${choice.exchange}:${choice.pair}`;
      const list = byPair.get(key);
      if (list) list.push(tokenId);
      else byPair.set(key, [tokenId]);
      if (!same) this.opts.onMapping?.(tokenId, 'pending', choice);
    }
    for (const tokenId of this.assigned.keys()) {
      if (!next.has(tokenId)) this.opts.onMapping?.(tokenId, this.status(tokenId).state);
    }
    this.assigned = next;
    this.byPair = byPair;
    for (const x of this.opts.exchanges) {
      const pairs = new Set<string>();
      for (const a of next.values()) if (a.choice.exchange === x) pairs.add(a.choice.pair);
      this.hub.setPairs(x, [...pairs].sort());
    }
  }

  private onTicks(ticks: readonly PriceTick[]): void {
    // One receive time for the whole frame: its ticks arrived together.
    const receivedAt = this.now();
    let resync = false;
    for (const t of ticks) {
      const tokens = this.byPair.get(`${t.exchange}:${t.pair}`);
      if (!tokens) continue;
      for (const tokenId of tokens) {
        const a = this.assigned.get(tokenId);
        if (!a) continue;
        const price = t.price / a.choice.scale;
        if (!a.verified) {
          const verdict = priceGate(price, this.opts.tmPrice(tokenId), this.opts.gatePct);
          if (verdict === 'unknown') continue;
          if (verdict === 'mismatch') {
            this.rejected.add(choiceKey(tokenId, a.choice));
            this.opts.onLog?.('warn', 'streamed price differs from Token Metrics; mapping rejected', {
              tokenId,
              exchange: a.choice.exchange,
              pair: a.choice.pair,
            });
            resync = true;
            continue;
          }
          a.verified = true;
          this.opts.onMapping?.(tokenId, 'live', a.choice);
        }
        a.price = price;
        a.receivedAt = receivedAt;
        a.source = {
          exchange: t.exchange,
          label: ADAPTERS[t.exchange].label,
          pair: a.choice.pair,
          time: t.time,
          quote: a.choice.quote,
        };
        this.opts.onPrice(tokenId, price, a.source);
      }
    }
    if (resync) this.sync();
  }
}
