import type { AlertEventKind } from '../../domain/types.js';
import { type Payload, payloadMessage } from './core.js';

/**
 * Send order when a backlog builds: the most readers first. Group and channel messages (one send reaches
 * everyone in the chat) go before DMs; within each, breakouts and flips before touches and approaches,
 * then the rest (crossings, grades, price alerts, notices). Order is a priority, never a drop: every
 * message is still sent, each with its own exactly-once id, and per-chat pacing still applies.
 */
export const SEND_RANKS = 6;

/** Event class: 0 breakouts and flips, 1 touches and approaches, 2 the rest. */
const CLASS: Readonly<Record<AlertEventKind, number>> = {
  level_breakout: 0,
  signal_flip: 0,
  level_touch: 1,
  level_approach: 1,
  metric_cross: 2,
  grade_change: 2,
  price_alert: 2,
};

/**
 * 0 (first) … SEND_RANKS-1 (last). A digest ranks by its most urgent event; a notice (and a webhook
 * request) ranks with "the rest" of its destination kind.
 */
export function sendRank(p: Payload): number {
  const m = payloadMessage(p);
  const tier = m.destination.kind === 'dm' ? 3 : 0;
  // Webhooks have their own queue and per-webhook pacing: among themselves, first come first served.
  if (p.kind === 'notice' || p.kind === 'webhook') return tier + 2;
  let cls = 2;
  for (const e of p.message.events) cls = Math.min(cls, CLASS[e.kind] ?? 2);
  return tier + cls;
}
