import { randomBytes } from 'node:crypto';
import type { PriceAlert, PriceAlertSpec, PriceRule } from '../domain/price-alerts.js';
import { HISTORY, type PriceSample } from './price-ports.js';
import { parseDestination, parseJson } from './shared.js';

/** The minute and hour buckets a sample lands in, or undefined for an unusable sample. */
export function buckets(s: PriceSample): { minute: number; hour: number } | undefined {
  if (!(s.price > 0) || !Number.isFinite(s.price) || !Number.isFinite(s.t)) return undefined;
  return {
    minute: Math.floor(s.t / HISTORY.minuteMs) * HISTORY.minuteMs,
    hour: Math.floor(s.t / HISTORY.hourMs) * HISTORY.hourMs,
  };
}

/** Hourly points before the first minute point, then the minute points (both sorted by t). */
export function mergeSeries(hours: readonly PriceSample[], minutes: readonly PriceSample[]): PriceSample[] {
  const firstMinute = minutes[0]?.t ?? Number.POSITIVE_INFINITY;
  return [...hours.filter((h) => h.t < firstMinute), ...minutes];
}

/** 6 characters of [a-z0-9] (~2 billion values): short enough to type, unique in practice; adapters retry on a clash. */
export function newAlertId(): string {
  const bytes = randomBytes(6);
  let out = '';
  for (const b of bytes) out += '0123456789abcdefghijklmnopqrstuvwxyz'[b % 36];
  return out;
}

function parseRule(v: unknown): PriceRule | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  if ((r.kind === 'above' || r.kind === 'below') && typeof r.price === 'number' && r.price > 0) {
    return { kind: r.kind, price: r.price };
  }
  if (r.kind === 'move' && typeof r.pct === 'number' && typeof r.windowMs === 'number') {
    return { kind: 'move', pct: r.pct, windowMs: r.windowMs };
  }
  return undefined;
}

/** The stored JSON of an alert (without id and lastFiredAt, which live beside it). */
export function alertJson(spec: PriceAlertSpec): string {
  return JSON.stringify({
    destination: spec.destination,
    tokenId: spec.tokenId,
    symbol: spec.symbol,
    rule: spec.rule,
    repeat: spec.repeat,
    createdAt: spec.createdAt,
  });
}

/** An alert from its stored JSON, or undefined when the record is unusable (skipped, never fatal). */
export function parseAlert(
  id: string,
  json: string | null | undefined,
  lastFiredAt?: number,
): PriceAlert | undefined {
  const v = parseJson(json);
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  const destination = parseDestination(r.destination);
  const rule = parseRule(r.rule);
  if (!destination || !rule || typeof r.tokenId !== 'number' || typeof r.symbol !== 'string')
    return undefined;
  if ((r.repeat !== 'once' && r.repeat !== 'every') || typeof r.createdAt !== 'number') return undefined;
  const base = {
    id,
    destination,
    tokenId: r.tokenId,
    symbol: r.symbol,
    rule,
    repeat: r.repeat,
    createdAt: r.createdAt,
  } as const;
  return lastFiredAt === undefined || !Number.isFinite(lastFiredAt) ? base : { ...base, lastFiredAt };
}

/** `list` order: oldest first, then id. */
export function compareAlerts(a: PriceAlert, b: PriceAlert): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
