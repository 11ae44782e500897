import { randomBytes } from 'node:crypto';
import {
  type Condition,
  type ConditionPart,
  conditionOf,
  PRICE_ALERT_LIMITS,
  type PriceAlert,
  type PriceAlertSpec,
} from '../domain/price-alerts.js';
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

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** One stored part, or undefined when unusable. */
function parsePart(v: unknown): ConditionPart | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  switch (r.kind) {
    case 'above':
    case 'below':
      return num(r.price) && r.price > 0 ? { kind: r.kind, price: r.price } : undefined;
    case 'move':
      return num(r.pct) && num(r.windowMs) ? { kind: 'move', pct: r.pct, windowMs: r.windowMs } : undefined;
    case 'near':
      return (r.side === 'support' || r.side === 'resistance') && num(r.pct)
        ? {
            kind: 'near',
            side: r.side,
            pct: r.pct,
            ...(num(r.minStrength) ? { minStrength: r.minStrength } : {}),
          }
        : undefined;
    case 'signal':
      return (r.timeframe === 'daily' || r.timeframe === 'hourly') &&
        (r.value === 'bullish' || r.value === 'bearish')
        ? { kind: 'signal', timeframe: r.timeframe, value: r.value }
        : undefined;
    case 'grade':
    case 'sharpe':
      return (r.op === '>=' || r.op === '<=') && num(r.value)
        ? { kind: r.kind, op: r.op, value: r.value }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * The stored condition. Alerts written before combined conditions (issue 21) hold `rule`, one price
 * part: they read as a one-part condition (the migration happens on read, in both stores, and the next
 * write of the record — none today — would store the new form).
 */
function parseCondition(r: Record<string, unknown>): Condition | undefined {
  const c = r.condition;
  if (typeof c === 'object' && c !== null) {
    const raw = (c as Record<string, unknown>).parts;
    if (!Array.isArray(raw) || raw.length === 0 || raw.length > PRICE_ALERT_LIMITS.maxParts) return undefined;
    const parts = raw.map(parsePart);
    if (parts.some((p) => p === undefined)) return undefined;
    const text = (c as Record<string, unknown>).text;
    const ok = parts as ConditionPart[];
    return typeof text === 'string' && text.length > 0 ? { parts: ok, text } : conditionOf(ok);
  }
  const legacy = parsePart(r.rule);
  return legacy ? conditionOf([legacy]) : undefined;
}

/** The stored JSON of an alert (without id and lastFiredAt, which live beside it). */
export function alertJson(spec: PriceAlertSpec): string {
  return JSON.stringify({
    destination: spec.destination,
    tokenId: spec.tokenId,
    symbol: spec.symbol,
    condition: spec.condition,
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
  const condition = parseCondition(r);
  if (!destination || !condition || typeof r.tokenId !== 'number' || typeof r.symbol !== 'string')
    return undefined;
  if ((r.repeat !== 'once' && r.repeat !== 'every') || typeof r.createdAt !== 'number') return undefined;
  const base = {
    id,
    destination,
    tokenId: r.tokenId,
    symbol: r.symbol,
    condition,
    repeat: r.repeat,
    createdAt: r.createdAt,
  } as const;
  return lastFiredAt === undefined || !Number.isFinite(lastFiredAt) ? base : { ...base, lastFiredAt };
}

/** `list` order: oldest first, then id. */
export function compareAlerts(a: PriceAlert, b: PriceAlert): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
