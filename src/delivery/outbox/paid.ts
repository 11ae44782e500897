import type { Logger } from 'pino';
import type { Platform } from '../../domain/types.js';
import type { Metrics } from '../../obs/metrics.js';
import type { DailyBudgetStore } from '../../store/replica-ports.js';
import { utcDay } from '../../store/replica-ports.js';
import type { PaidSend, RateLimit } from '../ports.js';

/**
 * Paid sending beyond a platform's free rate (Telegram paid broadcasts: `allow_paid_broadcast`, up to
 * 1,000 messages/s for 0.1 Star each). Opt-in with a daily Star budget. The outbox asks `wanted` when a
 * send finds no free slot: paid slots are used only while the backlog would take longer than `afterMs`
 * at the free rate, so the free rate keeps going unpaid beside them.
 */
export interface PaidLaneOptions {
  readonly platform: Platform;
  /** Stars per UTC day; the budget is counted in tenths (one paid message = 1). */
  readonly starsPerDay: number;
  /** Pay only when the backlog would take longer than this at the free rate, ms. */
  readonly afterMs: number;
  /** Total sends per second the platform accepts with paid sending (free included). Default 1000. */
  readonly maxPerSecond?: number;
  /** Concurrent sends per process while paid sending is configured (1,000/s at ~100 ms per call). Default 128. */
  readonly concurrency?: number;
  readonly budgets: DailyBudgetStore;
  readonly logger?: Logger | undefined;
  readonly metrics?: Pick<Metrics, 'paidStars' | 'paidMessages'> | undefined;
  /** Clock for the UTC day. Default Date.now. */
  readonly now?: () => number;
}

/** Budget keys: tenths of a Star spent, and "the platform refused for lack of Stars" (0/1) per day. */
export const SPENT_KEY = 'telegram-paid-tenths';
export const REFUSED_KEY = 'telegram-paid-refused';
/** How long `wanted` trusts what it last read of the shared "refused today" flag, ms. */
const REFUSED_CACHE_MS = 5000;

export class PaidLane {
  readonly platform: Platform;
  readonly rate: RateLimit;
  /** What the platform accepts per second with paid sending (free included). */
  readonly ceiling: number;
  readonly concurrency: number;
  private readonly cap: number;
  private readonly now: () => number;
  private offDay: string | undefined;
  private checked = { day: '', at: Number.NEGATIVE_INFINITY };

  constructor(private readonly o: PaidLaneOptions) {
    this.platform = o.platform;
    this.cap = Math.max(0, Math.round(o.starsPerDay * 10));
    this.now = o.now ?? Date.now;
    // Paid slots beside the free ones: 95 % of the ceiling (the free rate fills the rest), in windows of
    // 20 ms so that any sliding second (51 windows at most, or a pacer's catch-up of half a window) stays
    // under the ceiling: 1,000/s gives 19 per 20 ms, 950/s sustained, at most 969 in any second.
    this.rate = { max: Math.max(1, Math.floor(((o.maxPerSecond ?? 1000) * 0.95) / 50)), durationMs: 20 };
    this.concurrency = o.concurrency ?? 128;
    this.ceiling = o.maxPerSecond ?? 1000;
  }

  /** Paid slots help: the budget is not spent or refused today, and the backlog is long enough. */
  wanted(backlog: number, free: RateLimit): boolean {
    if (this.cap === 0) return false;
    const day = utcDay(this.now());
    if (this.offDay === day) return false;
    this.refreshRefused(day);
    const freePerMs = free.max / free.durationMs;
    return backlog / freePerMs > this.o.afterMs;
  }

  /** What a send with a paid slot reserves through (PaidSend). */
  readonly send: PaidSend = {
    reserve: async (n) => {
      const day = utcDay(this.now());
      if (this.offDay === day) return false;
      const r = await this.o.budgets.take(day, SPENT_KEY, n, this.cap);
      this.o.metrics?.paidStars.set(r.total / 10);
      if (!r.granted) {
        // Spent: no paid slot for the rest of the day (in this process; the others meet the cap too).
        this.offDay = day;
        this.o.logger?.warn(
          { starsPerDay: this.o.starsPerDay },
          'telegram paid broadcast budget spent for today; sending at the free rate',
        );
        return false;
      }
      this.o.metrics?.paidMessages.inc(n);
      return true;
    },
    giveBack: async (n) => {
      if (n <= 0) return;
      const day = utcDay(this.now());
      await this.o.budgets.giveBack(day, SPENT_KEY, n);
    },
  };

  /**
   * The platform refused a paid send for lack of Stars: paid sending is off for the rest of the UTC day
   * on every replica, and the operator is told once (the first replica to record it logs it).
   */
  async refused(): Promise<void> {
    const day = utcDay(this.now());
    this.offDay = day;
    const first = await this.o.budgets.take(day, REFUSED_KEY, 1, 1);
    if (first.granted) {
      this.o.logger?.error(
        { day },
        'telegram refused a paid broadcast: not enough Stars on the bot balance. Paid sending is off until ' +
          'the next UTC day; alerts keep going at the free rate. Top up the balance (paid broadcasts need at ' +
          'least 10,000 Stars) or set TELEGRAM_PAID_BROADCAST_STARS_PER_DAY=0',
      );
    }
  }

  /** Stars spent today (all replicas). */
  async spentToday(): Promise<{ stars: number; budget: number; refused: boolean }> {
    const day = utcDay(this.now());
    const [tenths, refused] = await Promise.all([
      this.o.budgets.get(day, SPENT_KEY),
      this.o.budgets.get(day, REFUSED_KEY),
    ]);
    this.o.metrics?.paidStars.set(tenths / 10);
    return { stars: tenths / 10, budget: this.o.starsPerDay, refused: refused > 0 };
  }

  /** Another replica may have met the refusal: re-read the shared flag every few seconds. */
  private refreshRefused(day: string): void {
    const t = this.now();
    if (this.checked.day === day && t - this.checked.at < REFUSED_CACHE_MS) return;
    this.checked = { day, at: t };
    this.o.budgets.get(day, REFUSED_KEY).then(
      (v) => {
        if (v > 0) this.offDay = day;
      },
      () => undefined, // the store is down: the next reserve fails and says so
    );
  }
}
