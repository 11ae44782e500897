import type { LiveNote, PriceDisagreement, ReferencePrice } from '../../domain/live-note.js';
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
  type TokenRef,
} from './mapping.js';
import { choiceLabel, unassignedNote } from './notes.js';
import { type StreamSource, sourceLabel } from './source.js';
import { realTimers, type Timers } from './timers.js';
import type { ExchangeId, PriceTick } from './types.js';
import { disagreement, freshestReference, GATE_PCT, type Verdict, verifyPrice } from './verify.js';

export { type StreamSource, sourceLabel } from './source.js';

/**
 * A token's streaming state: `live` (verified, prices flow), `pending` (waiting for a first price that
 * agrees with the token's freshest known price), `ambiguous` (every candidate pair disagreed with it),
 * `forbidden` (operator file), `unavailable` (an exchange refuses us for now, the other candidates
 * disagreed), `none` (no exchange lists a USD-quoted pair for it).
 */
export type MappingState = 'live' | 'pending' | 'ambiguous' | 'unavailable' | 'forbidden' | 'none';

export interface TokenFeedStatus {
  readonly state: MappingState;
  readonly choice?: PairChoice;
  readonly price?: number;
  readonly source?: StreamSource;
  /** Local receive time of the last price, epoch ms. */
  readonly receivedAt?: number;
  /** Why the token has no verified stream (every state but `live`). */
  readonly note?: LiveNote;
}

export interface PriceFeedOptions {
  /** Preference order (`PRICE_EXCHANGES`). */
  readonly exchanges: readonly ExchangeId[];
  readonly wsRoots: Readonly<Partial<Record<ExchangeId, string>>>;
  readonly restRoots: Readonly<Partial<Record<ExchangeId, string>>>;
  /**
   * The token's price known outside the feed, with its time (Token Metrics' last polled price): a new pair
   * is checked against the fresher of it and the token's last live streamed price (verify.ts).
   */
  readonly reference: (tokenId: TokenId) => ReferencePrice | undefined;
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
  /** Default GATE_PCT (3 percent). */
  readonly gatePct?: number;
  /** A reference older than this (relative to the pair's price) cannot reject a pair. Default 2 min. */
  readonly referenceMaxAgeMs?: number;
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
  /** Unverified: its last price disagreed with a reference too old to reject it. */
  held?: PriceDisagreement;
}

/**
 * Streams verified prices for the watched tokens: loads instrument lists, maps tokens to pairs by id,
 * keeps the hub's subscriptions equal to the assigned pairs, and verifies each new mapping on its first
 * price against the token's freshest known price, including across a change of exchange.
 */
export class PriceFeed {
  readonly hub: StreamHub;
  private indexes = new Map<ExchangeId, InstrumentIndex>();
  private watched = new Map<TokenId, TokenRef>();
  private candidates = new Map<TokenId, PairChoice[]>();
  /** `choiceKey` → why that pair was refused for its price. */
  private readonly rejected = new Map<string, PriceDisagreement>();
  private assigned = new Map<TokenId, Live>();
  /** Each watched token's last verified streamed price, kept when its pair changes: the next pair's reference. */
  private readonly lastLive = new Map<TokenId, ReferencePrice>();
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

  /**
   * Loads the instrument lists, then subscribes what is watched. Reloads every `reloadMs`; while a list
   * is missing (its exchange did not answer), sooner: after 1 min, doubling up to 1 h, so a network blip
   * at start does not leave its tokens unstreamed for a day.
   */
  async start(): Promise<void> {
    await this.reload();
    const every = this.opts.reloadMs ?? 86_400_000;
    let failures = 0;
    const again = () => {
      if (this.closed) return;
      const missing = this.opts.exchanges.some(
        (x) => this.opts.restRoots[x] !== undefined && !this.indexes.has(x),
      );
      failures = missing ? failures + 1 : 0;
      const delay = missing ? Math.min(every, 3_600_000, 60_000 * 2 ** (failures - 1)) : every;
      this.reloadHandle = this.timers.setTimeout(() => {
        void this.reload().finally(again);
      }, delay);
    };
    again();
  }

  async reload(): Promise<void> {
    const lists = await loadAllInstruments(
      this.opts.exchanges.map((x) => ADAPTERS[x]),
      this.opts.restRoots,
      this.opts.fetchJson,
      (x, err) =>
        this.opts.onLog?.(
          'warn',
          this.indexes.has(x)
            ? 'instrument list failed; keeping the previous one'
            : 'instrument list failed; its pairs stream once it loads (retried within minutes)',
          { exchange: x, err: err.message },
        ),
    );
    for (const [x, list] of lists) this.indexes.set(x, indexInstruments(list));
    this.recompute();
  }

  /** Sets the watched tokens (the whole set). Tokens that left are unsubscribed. */
  watch(tokens: Iterable<TokenRef>): void {
    this.watched = new Map([...tokens].map((t) => [t.tokenId, t]));
    this.recompute();
    for (const id of [...this.lastLive.keys()]) if (!this.watched.has(id)) this.lastLive.delete(id);
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
        ...(a.verified
          ? {}
          : { note: { kind: 'pending', pair: choiceLabel(a.choice), ...(a.held ? { held: a.held } : {}) } }),
      };
    }
    return unassignedNote({
      token: this.watched.get(tokenId),
      forbidden: this.opts.overrides?.get(tokenId)?.kind === 'forbid',
      candidates: this.candidates.get(tokenId) ?? [],
      rejected: (c) => this.rejected.get(choiceKey(tokenId, c)),
      refusal: (x) => this.hub.refusal(x),
      exchanges: this.opts.exchanges,
      loaded: (x) => this.indexes.has(x),
    });
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
    for (const [tokenId, a] of this.assigned) {
      const pick = picks.get(tokenId);
      if (pick?.exchange !== a.choice.exchange || pick.pair !== a.choice.pair) this.rememberLive(tokenId, a);
    }
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

  /** A verified pair being left: its last price becomes the token's reference for the next one. */
  private rememberLive(tokenId: TokenId, a: Live): void {
    if (!a.verified || a.price === undefined || a.receivedAt === undefined || !a.source) return;
    this.lastLive.set(tokenId, { price: a.price, at: a.receivedAt, source: sourceLabel(a.source) });
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
          const verdict = this.verify(tokenId, a, price, receivedAt);
          if (verdict === 'reject') resync = true;
          if (verdict !== 'ok') continue;
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

  /** An unverified pair's price against the token's freshest reference: use, wait, hold or reject the pair. */
  private verify(tokenId: TokenId, a: Live, price: number, at: number): 'ok' | 'wait' | 'reject' {
    const ref = freshestReference(this.lastLive.get(tokenId), this.opts.reference(tokenId));
    const tolerancePct = this.opts.gatePct ?? GATE_PCT;
    const v: Verdict = verifyPrice(price, at, ref, {
      tolerancePct,
      ...(this.opts.referenceMaxAgeMs === undefined ? {} : { maxAgeMs: this.opts.referenceMaxAgeMs }),
    });
    if (v.kind === 'unknown') return 'wait';
    if (v.kind === 'ok') {
      a.verified = true;
      delete a.held;
      this.opts.onMapping?.(tokenId, 'live', a.choice);
      return 'ok';
    }
    const d = disagreement(choiceLabel(a.choice), price, at, v, tolerancePct);
    const fields = {
      tokenId,
      exchange: a.choice.exchange,
      pair: a.choice.pair,
      price,
      reference: d.reference.price,
      referenceSource: d.reference.source,
      referenceAgeMs: at - d.reference.at,
      pct: d.pct,
    };
    if (v.kind === 'stale') {
      if (!a.held)
        this.opts.onLog?.('info', 'streamed price differs from an old reference; pair held', fields);
      a.held = d;
      return 'wait';
    }
    this.rejected.set(choiceKey(tokenId, a.choice), d);
    this.opts.onLog?.('warn', 'streamed price differs from the reference; mapping rejected', fields);
    return 'reject';
  }
}
