import type { Plan } from '../delivery/plan/index.js';
import type { Outbox } from '../delivery/ports.js';
import { webhookDeliveries } from '../delivery/webhooks/fanout.js';
import type { AlertEvent, Destination, Settings, Subscription, TokenId } from '../domain/types.js';
import type { Metrics } from '../obs/metrics.js';
import type { ActivityLog } from '../ops/status/activity.js';
import type { Store } from '../store/ports.js';
import { planWithCap } from './plan.js';
import { claimFired, priceEventsOf } from './price-alerts.js';
import type { PriceWatch } from './price-watch.js';
import { type Profiles, scopesFor } from './profiles.js';
import type { StoredSnapshot } from './snapshot.js';
import { commitTrust, scoreMoved, type TickPrices } from './trust.js';

/**
 * The one delivery path (docs/how-it-works.md, "How a tick works", steps 6–9). The cron tick and the live-price path
 * detect differently; both hand what they detected to `deliver`, which takes it to the outbox and commits:
 *   fan-out (subscribers, due digests, settings; beside it the open outcomes of moved tokens are scored)
 *   → plan with the hourly cap → enqueue → commit (holds, marks and trust records, the claim of fired price
 *   alerts, then the snapshots) → metrics and the status page's activity.
 * Neither caller repeats a step, so an alert leaves the same records (message ids, outcomes, suppressions,
 * metrics) whichever path detected it.
 */

export interface DeliverDeps {
  readonly store: Store;
  /** `enqueueWebhooks` (issue 21): the destinations' webhooks get each delivered event too. */
  readonly outbox: Pick<Outbox, 'enqueue'> & Partial<Pick<Outbox, 'enqueueWebhooks'>>;
  readonly metrics: Pick<Metrics, 'events' | 'suppressed'>;
  /**
   * Users' own price alerts (issue 11): the tick watches their tokens and evaluates them on fetched
   * prices, the price path on streamed ones; delivery claims them after their plan is enqueued.
   */
  readonly priceWatch?: PriceWatch;
  /** The status page's recent alerts (only when the page is on). */
  readonly activity?: Pick<ActivityLog, 'recordMessages'>;
  /** Held destinations released per tick at most. Default 500. */
  readonly heldLimit?: number;
}

/** What a detection pass hands over. */
export interface Detected {
  /** Detection time (epoch ms): the plan's `now`, marks and trust records are stamped with it. */
  readonly at: number;
  /** Market events and fired price alerts (not claimed yet). */
  readonly events: readonly AlertEvent[];
  /** The detection profiles the events were computed with (the planner filters by them). */
  readonly profiles: Profiles;
  /** Prices seen (outcomes start at them) and the tokens whose open outcomes they move. */
  readonly prices: TickPrices;
  /** The tokens' next snapshots, committed last. */
  readonly next: ReadonlyMap<TokenId, StoredSnapshot>;
  /**
   * Whether held digests that are due go out with this delivery. The tick releases them; the price path
   * leaves them to the tick (it runs every slot), so a frame never waits on a digest's fan-out.
   */
  readonly releaseHeld: boolean;
}

export interface Delivered {
  readonly plan: Plan;
  /** The settings read for the fan-out (the tick learns new detection profiles from them). */
  readonly fan: FanOut;
}

/** The tick's timing wrapper: wall ms per step name (the price path does not time its steps). */
export type Time = <T>(phase: string, step: () => Promise<T> | T) => Promise<T>;

/** The subscribers of the tokens with news, the digests due and the settings of all their destinations. */
export interface FanOut {
  readonly subscribers: Map<TokenId, Subscription[]>;
  readonly held: Array<{ destination: Destination; events: AlertEvent[] }>;
  readonly settings: Map<string, Settings>;
}

/** What a caller may observe while a delivery runs. */
export interface DeliverHooks {
  /** Times each step under its name (fanout, plan, enqueue, commit). Default: untimed. */
  readonly time?: Time;
  /** Told once the plan is in the outbox, before the commit (a failed commit still reports it). */
  readonly onEnqueued?: (p: Plan) => void;
}

const untimed: Time = async (_phase, step) => await step();

/** Fan-out → plan → enqueue → commit → metrics, for the events of one tick or one streamed batch. */
export async function deliver(deps: DeliverDeps, d: Detected, hooks: DeliverHooks = {}): Promise<Delivered> {
  const time = hooks.time ?? untimed;
  // Whether any webhook exists is asked beside the fan-out's reads, so a bot without webhooks pays no
  // round trip in sequence for them (issue 21).
  const [fan, scored, hooked] = await time('fanout', () =>
    Promise.all([fanOut(deps, d), scoreMoved(deps.store, d.prices, d.at), anyWebhooks(deps)]),
  );
  const p = await time('plan', () =>
    planWithCap(deps.store, { ...fan, events: d.events, now: d.at, profiles: d.profiles }),
  );
  // Enqueued BEFORE anything is committed: ids are deterministic, so a crash in between repeats the same
  // work and the outbox drops the repeats.
  await time('enqueue', async () => {
    if (p.messages.length === 0) return;
    await deps.outbox.enqueue(p.messages);
    // The destinations' webhooks get the same events (deterministic ids: a repeat is dropped too).
    if (hooked && deps.outbox.enqueueWebhooks) {
      const hooks = await webhookDeliveries(deps.store.webhooks, p.messages);
      if (hooks.length > 0) await deps.outbox.enqueueWebhooks(hooks);
    }
    deps.activity?.recordMessages(p.messages);
  });
  hooks.onEnqueued?.(p);
  await time('commit', () => commit(deps, p, d, scored));
  count(deps.metrics, d.events, p);
  return { plan: p, fan };
}

async function anyWebhooks(deps: DeliverDeps): Promise<boolean> {
  return deps.outbox.enqueueWebhooks !== undefined && (await deps.store.webhooks.count()) > 0;
}

/** Subscribers of the tokens with market news, due digests (tick only) and the settings of every destination. */
async function fanOut(deps: DeliverDeps, d: Detected): Promise<FanOut> {
  const { store } = deps;
  const tokens = [...new Set(d.events.filter((e) => e.kind !== 'price_alert').map((e) => e.tokenId))];
  const [subscribers, held] = await Promise.all([
    tokens.length > 0 ? store.subscriptions.subscribersOf(tokens) : new Map<TokenId, Subscription[]>(),
    d.releaseHeld ? store.holds.due(d.at, deps.heldLimit ?? 500) : [],
  ]);
  // One flat array (no per-token intermediates): at 100k subscriptions this is thousands of entries.
  const dests: Destination[] = [];
  for (const subs of subscribers.values()) for (const s of subs) dests.push(s.destination);
  for (const h of held) dests.push(h.destination);
  for (const e of d.events) if (e.kind === 'price_alert') dests.push(e.destination);
  const settings = dests.length > 0 ? await store.settings.getMany(scopesFor(dests)) : new Map();
  return { subscribers, held, settings };
}

/**
 * Holds first; then, beside each other, the marks, the trust records (outcomes, suppressions) and the
 * claim of the fired price alerts (after the enqueue and the holds: a failure before loses nothing); the
 * snapshots last, so a failure anywhere before repeats the detection with the same ids.
 */
async function commit(deps: DeliverDeps, p: Plan, d: Detected, scored: Parameters<typeof commitTrust>[3]) {
  const { store } = deps;
  if (p.holds.length > 0) await store.holds.hold(p.holds);
  if (p.release.length > 0) await store.holds.release(p.release);
  await Promise.all([
    p.marks.length > 0 ? store.marks.set(p.marks, d.at) : undefined,
    commitTrust(store, p, d.prices, scored, d.at),
    claimFired(deps.priceWatch, priceEventsOf(d.events), d.at),
  ]);
  if (d.next.size > 0) await store.snapshots.putMany(d.next);
  // Committed: the evaluated prices enter the move windows (a failure above repeats them unchanged).
  deps.priceWatch?.commit();
}

function count(metrics: DeliverDeps['metrics'], events: readonly AlertEvent[], p: Plan) {
  const kinds = new Map<string, number>();
  for (const e of events) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  for (const [kind, n] of kinds) metrics.events.inc({ kind }, n);
  for (const [reason, n] of Object.entries(p.suppressed)) metrics.suppressed.inc({ reason }, n);
}
