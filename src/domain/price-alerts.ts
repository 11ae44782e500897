import { formatDuration, formatPrice } from './format.js';
import type { Destination, PriceAlertRepeat, PriceRule, TokenId } from './types.js';

// The rule and the fired event live in types.ts (the AlertEvent union holds the event).
export type { PriceAlertEvent, PriceAlertRepeat, PriceRule } from './types.js';

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
export function describeRule(rule: PriceRule): string {
  switch (rule.kind) {
    case 'above':
      return `above ${formatPrice(rule.price)}`;
    case 'below':
      return `below ${formatPrice(rule.price)}`;
    case 'move':
      return `move ${rule.pct}% in ${formatDuration(rule.windowMs)}`;
  }
}
