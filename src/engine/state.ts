import { z } from 'zod';
import { STATE_VERSION, type TokenState } from './types.js';

const signal = z.union([z.literal(-1), z.literal(0), z.literal(1)]);
// zod 4's z.number() already rejects NaN and ±Infinity.
const finite = z.number();
const side = z.enum(['above', 'below']);

const phase = z.object({
  p: z.enum(['far', 'near', 'touch', 'broken']),
  ref: side,
  since: finite,
  x: finite.exactOptional(),
});

const level = z.object({
  key: z.string().min(1),
  level: z.number().gt(0),
  count: z.number().int().min(1),
  newest: z.string(),
  strength: z.number().min(0).max(100),
  phases: z.record(z.string(), phase),
});

const schema: z.ZodType<TokenState> = z.object({
  v: z.literal(STATE_VERSION),
  tokenId: z.number().int(),
  symbol: z.string(),
  name: z.string(),
  url: z.string().exactOptional(),
  updatedAt: finite,
  price: z.object({ value: z.number().gt(0), at: finite }).exactOptional(),
  daily: z
    .object({ signal, trend: signal, date: z.string(), traderGrade: finite.exactOptional(), at: finite })
    .exactOptional(),
  hourly: z
    .object({ signal, position: signal, timestamp: z.string(), close: finite.exactOptional(), at: finite })
    .exactOptional(),
  levels: z
    .object({
      date: z.string().exactOptional(),
      at: finite,
      items: z.array(level),
      profiles: z.string().exactOptional(),
    })
    .exactOptional(),
  metrics: z
    .object({ date: z.string().exactOptional(), at: finite, values: z.record(z.string(), finite) })
    .exactOptional(),
  sides: z.record(z.string(), z.object({ side, since: finite })).exactOptional(),
  grade: z
    .object({
      signal: z.string(),
      grade: finite.exactOptional(),
      momentum: z.string().exactOptional(),
      since: finite,
      at: finite,
    })
    .exactOptional(),
});

/**
 * Removes `undefined`-valued keys of the state and of its parts (as JSON would), so an in-memory copy
 * validates like a stored one. Two levels deep is where optional fields live; copies only when needed.
 */
function dropUndefined(v: unknown, depth = 0): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || depth > 1) return v;
  let out: Record<string, unknown> | undefined;
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    const y = x === undefined ? undefined : dropUndefined(x, depth + 1);
    if ((x === undefined || y !== x) && !out) {
      out = {};
      for (const k2 in v) {
        if (k2 === k) break;
        out[k2] = (v as Record<string, unknown>)[k2];
      }
    }
    if (out && y !== undefined) out[k] = y;
  }
  return out ?? v;
}

/**
 * Validates a stored state (as loaded from the store, already JSON-parsed; a JSON string is parsed too).
 * Anything that is not a valid state of the CURRENT version gives undefined, which the caller treats as
 * "never seen": the next detect is a silent baseline. Only for loading — detect itself never re-validates.
 */
export function parseState(raw: unknown): TokenState | undefined {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  const r = schema.safeParse(dropUndefined(value));
  return r.success ? r.data : undefined;
}
