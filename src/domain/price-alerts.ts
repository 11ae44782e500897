import type { Destination, TokenId } from './types.js';

/**
 * A user's own price alert. `above`/`below`: price crosses the target (USD, > 0). `move`: the price now
 * differs from the price `windowMs` ago by at least `pct` percent, either direction.
 */
export type PriceRule =
  | { readonly kind: 'above'; readonly price: number }
  | { readonly kind: 'below'; readonly price: number }
  | { readonly kind: 'move'; readonly pct: number; readonly windowMs: number };

/** `once`: removed after it fires. `every`: fires on each crossing, at most once per the destination's cooldown. */
export type PriceAlertRepeat = 'once' | 'every';

export interface PriceAlertSpec {
  readonly destination: Destination;
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly rule: PriceRule;
  readonly repeat: PriceAlertRepeat;
  /** Epoch ms. */
  readonly createdAt: number;
}

export interface PriceAlert extends PriceAlertSpec {
  /** Short id shown to the user (`/alert delete <id>`), unique per store. */
  readonly id: string;
  /** Epoch ms of the last time an `every` alert fired. */
  readonly lastFiredAt?: number;
}

/** Limits of rules a user may set (command validation and engine agree on them). */
export const PRICE_ALERT_LIMITS = {
  /** Alerts per destination. */
  perDestination: 20,
  /** `move` percent range. */
  minMovePct: 0.1,
  maxMovePct: 100,
  /** `move` window range, ms: 1 minute to 7 days. */
  minWindowMs: 60_000,
  maxWindowMs: 7 * 86_400_000,
} as const;

/** One plain-text line describing a rule: `above $210`, `move 5% in 1h`. */
export function describeRule(
  rule: PriceRule,
  fmtPrice: (p: number) => string,
  fmtMs: (ms: number) => string,
) {
  switch (rule.kind) {
    case 'above':
      return `above ${fmtPrice(rule.price)}`;
    case 'below':
      return `below ${fmtPrice(rule.price)}`;
    case 'move':
      return `move ${rule.pct}% in ${fmtMs(rule.windowMs)}`;
  }
}

/**
 * A user's price alert that fired: goes to the alert's one destination (not to the token's
 * subscribers) through the same planner and outbox as every other alert.
 */
export interface PriceAlertEvent {
  /** `once`: derived from the alert id alone (a repeat can never get a new id); `every`: id + minute. */
  readonly id: string;
  readonly kind: 'price_alert';
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly name: string;
  /** When the price was seen (epoch ms). */
  readonly at: number;
  readonly priority: number;
  readonly url?: string;
  readonly alertId: string;
  readonly destination: Destination;
  readonly rule: PriceRule;
  readonly repeat: PriceAlertRepeat;
  /** Price now (USD) and where it came from. */
  readonly price: number;
  readonly source: 'poll' | 'stream';
  /** Move alerts: the price `windowMs` before and the signed change in percent. */
  readonly priceBefore?: number;
  readonly changePct?: number;
  /** Seen on the bundled replay (TM_SOURCE=replay): the alert says "demo data". */
  readonly demo?: boolean;
}
