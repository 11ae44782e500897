import type { SuppressReason } from '../delivery/plan/index.js';
import type { MarketSource } from '../domain/market.js';
import type { AlertEventKind, TokenId } from '../domain/types.js';
import type { TokenState } from '../engine/index.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { DeliverDeps } from './deliver.js';

export type { FanOut, Time } from './deliver.js';

import type { Cadence, fetchAll } from './fetch.js';
import type { Profiles, ProfileTracker } from './profiles.js';
import type { readSnapshot } from './snapshot.js';

/** The tick's types (tick.ts runs the steps, steps.ts holds most of them). */

/** `skipped_store`: the store did not answer (Redis down); nothing was read or written, the next tick retries. */
export type TickOutcome = 'ran' | 'idle' | 'skipped_claimed' | 'skipped_store' | 'market_error' | 'failed';

export interface TickReport {
  readonly slot: string;
  readonly at: number;
  readonly outcome: TickOutcome;
  readonly watched: number;
  readonly observed: number;
  readonly events: Partial<Record<AlertEventKind, number>>;
  readonly messages: number;
  /** Destinations that had anything to deliver this tick (for the digest-economy ratio). */
  readonly destinationsWithNews: number;
  readonly suppressed: Partial<Record<SuppressReason, number>>;
  readonly durationMs: number;
  readonly profileScan: boolean;
  /** Wall ms per step (claim, load, profiles, fetch, detect, fanout, plan, enqueue, commit). */
  readonly phases: Readonly<Record<string, number>>;
  /** Message ids enqueued (tests). */
  readonly messageIds: readonly string[];
  readonly error?: string;
}

/** The tick's dependencies: the delivery path's (store, outbox, metrics, price alerts, activity) and its own. */
export interface TickDeps extends DeliverDeps {
  readonly market: MarketSource;
  readonly profiles: ProfileTracker;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** This process's id (slot claims). */
  readonly owner: string;
  /** Length of a cron slot, ms (60 000 for a 5-field expression, 1 000 with a seconds field). */
  readonly slotMs: number;
  /** Effective cadence for this many watched tokens, of which `streamed` get their price from a stream. */
  readonly cadence: (watchedCount: number, streamed?: number) => Cadence;
  /** Live prices: true for a token whose price a live stream delivers (its price is not polled). */
  readonly streamed?: (tokenId: TokenId) => boolean;
  /**
   * After the commit: every watched token's state (for the price path's bands and mapping), and the
   * detection profiles the tick left in the tick metadata (the price path detects with them).
   */
  readonly onCommitted?: (
    states: ReadonlyMap<TokenId, TokenState>,
    watched: readonly TokenId[],
    profiles: Profiles,
  ) => void;
  /** The market is the bundled replay: events are marked so every alert says "demo data". */
  readonly demo?: boolean;
}

export interface Ticker {
  run(at: number): Promise<TickReport>;
  /** Epoch ms (tick clock) of the last tick that finished, any outcome. */
  readonly lastTickAt: number | undefined;
}

export type Snapshots = Map<TokenId, ReturnType<typeof readSnapshot>>;
export type Fetched = Awaited<ReturnType<typeof fetchAll>>;
/** What a tick learned so far; filled step by step so a failed tick still reports how far it got. */
export type Progress = { -readonly [K in keyof TickReport]?: TickReport[K] };
