import type { AlertEvent } from '../domain/types.js';
import type { LoggedAlert } from './alert-log-ports.js';

/** The log entry of one delivered event. */
export function loggedAlert(e: AlertEvent, at: number): LoggedAlert {
  const price = 'price' in e && typeof e.price === 'number' ? e.price : undefined;
  const level = 'level' in e && typeof e.level === 'number' ? e.level : undefined;
  return {
    eventId: e.id,
    at,
    detectedAt: e.at,
    tokenId: e.tokenId,
    symbol: e.symbol,
    kind: e.kind,
    ...(price !== undefined ? { price } : {}),
    ...(level !== undefined ? { level } : {}),
  };
}

/** A stored entry, or undefined when unreadable (skipped). */
export function parseLogged(json: string): LoggedAlert | undefined {
  try {
    const r = JSON.parse(json) as LoggedAlert;
    return typeof r.eventId === 'string' && typeof r.at === 'number' && typeof r.symbol === 'string'
      ? r
      : undefined;
  } catch {
    return undefined;
  }
}
