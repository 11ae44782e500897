import { readFile } from 'node:fs/promises';
import type { Registry } from 'prom-client';
import type { PriceConfig } from '../config/index.js';
import { type LiveNote, type ReferencePrice, TM_SOURCE } from '../domain/live-note.js';
import type { TokenId } from '../domain/types.js';
import type { DetectOptions, TokenState } from '../engine/types.js';
import type { SocketFactory } from '../market/streams/connection.js';
import { type MappingState, PriceFeed, sourceLabel } from '../market/streams/feed.js';
import type { FetchJson } from '../market/streams/instruments.js';
import { type Override, parseOverrides, type TokenRef } from '../market/streams/mapping.js';
import type { Timers } from '../market/streams/timers.js';
import type { Logger } from '../obs/logger.js';
import { createStreamMetrics, type StreamMetrics } from '../obs/stream-metrics.js';
import type { LivePriceSet } from '../store/live-ports.js';
import { type AlertTargets, PricePath, type StreamedPrice } from './path.js';

/** A streamed price older than this no longer counts as live: the tick polls the token again. */
export const LIVE_MAX_AGE_MS = 60_000;

/** Where a token's price comes from, for `/levels` and `/signal`. */
export interface PriceOrigin {
  /** "Binance SOL/USDT" style label. */
  readonly label: string;
  readonly price: number;
  /** Exchange time of the price, epoch ms. */
  readonly at: number;
  readonly mapping: MappingState;
}

export interface PriceServiceDeps {
  readonly config: PriceConfig;
  readonly logger: Logger;
  readonly registry: Registry;
  /** EXCHANGE_LIST ids of a token (token directory), undefined when unknown. */
  readonly exchangesOf: (tokenId: TokenId) => readonly string[] | undefined;
  readonly detectOptions: (now: number) => DetectOptions;
  /** Evaluate one token at a streamed price through engine → plan → outbox → commit, serialised with the tick. */
  readonly evaluate: (tokenId: TokenId, price: StreamedPrice) => Promise<TokenState | undefined>;
  readonly now?: () => number;
  readonly timers?: Timers;
  readonly connect?: SocketFactory;
  readonly fetchJson?: FetchJson;
  /** Default LIVE_MAX_AGE_MS. */
  readonly liveMaxAgeMs?: number;
  /** Users' price alerts: their targets narrow each token's band (path.ts). */
  readonly alerts?: AlertTargets;
}

/**
 * Live prices for the watched tokens: the exchange feed (mapping, connections), the price path (bands,
 * evaluations) and their metrics. The tick tells it about every committed state (`noteStates`), and asks
 * it which tokens need no price poll (`isLive`).
 */
export class PriceService {
  readonly feed: PriceFeed;
  readonly path: PricePath;
  readonly metrics: StreamMetrics;
  /** Each token's last committed price with its time (Token Metrics' when polled): the feed's reference. */
  private readonly references = new Map<TokenId, ReferencePrice>();
  private refs = new Map<TokenId, TokenRef>();
  private readonly now: () => number;
  private overrides = new Map<TokenId, Override>();
  /** Exchange time of each token's last price handed to the history. */
  private readonly recorded = new Map<TokenId, number>();
  private active = true;

  constructor(private readonly deps: PriceServiceDeps) {
    this.now = deps.now ?? Date.now;
    const log = deps.logger;
    this.metrics = createStreamMetrics(deps.registry, () => this.feed, this.now);
    this.path = new PricePath({
      now: this.now,
      timers: deps.timers ?? {
        setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
        clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
      },
      detectOptions: deps.detectOptions,
      evaluate: deps.evaluate,
      ...(deps.alerts ? { alerts: deps.alerts } : {}),
      onError: (tokenId, err) => log.warn({ err, tokenId }, 'price-path evaluation failed; retrying shortly'),
      onEvaluated: (tokenId, ms) => {
        this.metrics.evaluations.inc({ token: String(tokenId) });
        this.metrics.frameToEnqueue.observe(ms / 1000);
      },
    });
    this.feed = this.buildFeed();
  }

  private buildFeed(): PriceFeed {
    const { config, logger } = this.deps;
    return new PriceFeed({
      exchanges: config.exchanges,
      wsRoots: config.ws,
      restRoots: config.rest,
      reference: (id) => this.references.get(id),
      onPrice: (id, price, source) => this.path.onPrice(id, price, source),
      onMapping: (tokenId, state, choice) =>
        logger.info({ tokenId, state, exchange: choice?.exchange, pair: choice?.pair }, 'price mapping'),
      onLog: (level, msg, fields) => logger[level](fields ?? {}, msg),
      overrides: this.overrides,
      ...(this.deps.timers ? { timers: this.deps.timers } : {}),
      ...(this.deps.now ? { now: this.deps.now } : {}),
      ...(this.deps.connect ? { connect: this.deps.connect } : {}),
      ...(this.deps.fetchJson ? { fetchJson: this.deps.fetchJson } : {}),
    });
  }

  /** Reads PRICE_MAP_FILE (problems are logged, never fatal) and loads the instrument lists. */
  async start(): Promise<void> {
    const file = this.deps.config.mapFile;
    if (file !== undefined) {
      try {
        const { overrides, problems } = parseOverrides(JSON.parse(await readFile(file, 'utf8')) as unknown);
        for (const [k, v] of overrides) this.overrides.set(k, v);
        for (const p of problems) this.deps.logger.warn({ file }, `PRICE_MAP_FILE: ${p}`);
      } catch (err) {
        this.deps.logger.warn(
          { file, err: (err as Error).message },
          'PRICE_MAP_FILE unreadable; no overrides',
        );
      }
    }
    await this.feed.start();
  }

  /**
   * After a commit: the states of these tokens (their price with its time and source, the band, the
   * symbol) and, when given, the whole watched set (tokens that left are unsubscribed). The price is the
   * reference a new exchange pair is checked against when it is fresher than the feed's own last live
   * price: a streamed token is not polled, so its Token Metrics price is as old as its stream.
   */
  noteStates(states: ReadonlyMap<TokenId, TokenState>, watched?: readonly TokenId[]): void {
    let changed = false;
    for (const [id, s] of states) {
      const p = s.price;
      if (p && p.at > (this.references.get(id)?.at ?? Number.NEGATIVE_INFINITY)) {
        this.references.set(id, { price: p.value, at: p.at, source: p.source ?? TM_SOURCE });
      }
      const ref = this.refs.get(id);
      if (!ref || ref.symbol !== s.symbol) {
        const exchanges = this.deps.exchangesOf(id);
        this.refs.set(id, { tokenId: id, symbol: s.symbol, ...(exchanges ? { exchanges } : {}) });
        changed = true;
      }
      this.path.setState(id, s);
    }
    if (watched) {
      const keep = new Set(watched);
      for (const id of [...this.refs.keys()]) {
        if (keep.has(id)) continue;
        this.refs.delete(id);
        this.references.delete(id);
        this.path.drop(id);
        this.recorded.delete(id);
        changed = true;
      }
    }
    if (changed && this.active) this.feed.watch(this.refs.values());
  }

  isLive(tokenId: TokenId): boolean {
    return this.active && this.feed.isLive(tokenId, this.deps.liveMaxAgeMs ?? LIVE_MAX_AGE_MS);
  }

  /** Off: every stream is closed (another replica holds them); on: the watched tokens are subscribed again. */
  setActive(on: boolean): void {
    this.active = on;
    this.feed.watch(on ? this.refs.values() : []);
  }

  /** The streamed price of a token (live or not), with its source. */
  origin(tokenId: TokenId): PriceOrigin | undefined {
    const st = this.feed.status(tokenId);
    const last = this.path.last(tokenId);
    if (!last || !st.choice) return undefined;
    return {
      label: sourceLabel(last.source),
      price: last.price,
      at: last.source.time,
      mapping: st.state,
    };
  }

  /**
   * One price-history sample per token whose streamed price is newer than at the last call. The history
   * keeps 1-minute points, so the wiring calls this about once a minute: frames never touch the store.
   */
  historySamples(): Array<{ tokenId: TokenId; t: number; price: number }> {
    const out: Array<{ tokenId: TokenId; t: number; price: number }> = [];
    for (const [tokenId, last] of this.path.lastPrices()) {
      const t = last.source.time;
      if (t <= (this.recorded.get(tokenId) ?? Number.NEGATIVE_INFINITY)) continue;
      this.recorded.set(tokenId, t);
      out.push({ tokenId, t, price: last.price });
    }
    return out;
  }

  mapping(tokenId: TokenId): MappingState {
    return this.feed.status(tokenId).state;
  }

  /** Why a watched token has no live stream (undefined while it is live). */
  note(tokenId: TokenId): LiveNote | undefined {
    return this.isLive(tokenId) ? undefined : this.feed.status(tokenId).note;
  }

  /** Watched tokens per mapping state (the status page). */
  mappingCounts(): Map<MappingState, number> {
    const out = new Map<MappingState, number>();
    for (const id of this.refs.keys()) {
      const st = this.isLive(id) ? 'live' : this.mapping(id);
      out.set(st, (out.get(st) ?? 0) + 1);
    }
    return out;
  }

  /** What the other replicas need: each watched token's live price, and why the others have none. */
  shared(): Pick<LivePriceSet, 'live' | 'notes'> {
    const live: Array<LivePriceSet['live'][number]> = [];
    const notes: Array<LivePriceSet['notes'][number]> = [];
    for (const id of this.refs.keys()) {
      const st = this.feed.status(id);
      const origin = this.isLive(id) ? this.origin(id) : undefined;
      if (origin && st.receivedAt !== undefined) {
        const { label, price, at } = origin;
        live.push({ tokenId: id, price, label, at, receivedAt: st.receivedAt });
      } else if (st.note) notes.push({ tokenId: id, note: st.note });
    }
    return { live, notes };
  }

  close(): void {
    this.path.close();
    this.feed.close();
  }
}
