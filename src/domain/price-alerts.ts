import { formatDuration, formatPrice } from './format.js';
import type { Condition, ConditionPart, Destination, PriceAlertRepeat, TokenId } from './types.js';

// The condition and the fired event live in types.ts (the AlertEvent union holds the event).
export type {
  Condition,
  ConditionPart,
  PartReading,
  PriceAlertEvent,
  PriceAlertRepeat,
  PriceRule,
} from './types.js';

export interface PriceAlertSpec {
  readonly destination: Destination;
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly condition: Condition;
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
  /** Parts joined by `and`. */
  maxParts: 3,
  /** `near support|resistance N%`: default and range of N. */
  defaultNearPct: 2,
  maxNearPct: 20,
} as const;

/** One part as the user writes it (normalised): `above $210`, `move 5% 1h`, `grade >= 70`. */
export function describePart(part: ConditionPart): string {
  switch (part.kind) {
    case 'above':
    case 'below':
      return `${part.kind} ${formatPrice(part.price)}`;
    case 'move':
      return `move ${part.pct}% ${formatDuration(part.windowMs)}`;
    case 'near':
      return `near ${part.side} ${part.pct}%`;
    case 'signal':
      return `${part.timeframe === 'daily' ? 'signal' : 'hourly'} ${part.value}`;
    case 'grade':
    case 'sharpe':
      return `${part.kind} ${part.op} ${part.value}`;
  }
}

/** The parts joined as written: `above $210 and signal bullish`. */
export function describeParts(parts: readonly ConditionPart[]): string {
  return parts.map(describePart).join(' and ');
}

/** A condition of the given parts, its text normalised from them. */
export const conditionOf = (parts: readonly ConditionPart[]): Condition => ({
  parts,
  text: describeParts(parts),
});
