import { z } from 'zod';
import type {
  DailySignalObs,
  DataKind,
  GradeObs,
  HourlySignalObs,
  LevelsObs,
  PriceObs,
  QuantObs,
  TokenObservation,
} from '../domain/market.js';
import type { TokenId } from '../domain/types.js';

/** API path (after the `/v2` base) for each kind of data. */
export const ENDPOINT_OF: Readonly<Record<DataKind, string>> = {
  price: '/price',
  daily: '/trading-signals',
  hourly: '/hourly-trading-signals',
  levels: '/resistance-support',
  quant: '/quantmetrics',
  grade: '/tm-grade',
};

/** The part of a TokenObservation each kind fills. */
export interface Parts {
  price: PriceObs;
  daily: DailySignalObs;
  hourly: HourlySignalObs;
  levels: LevelsObs;
  quant: QuantObs;
  grade: GradeObs;
}

const CANONICAL = /^[A-Z0-9_]*$/;

/** `tokenId`, `token_id`, `TOKEN_ID` → `TOKEN_ID` (camel humps become underscores; `24h` stays one word). */
export function canonicalKey(key: string): string {
  // v2 already sends UPPER_SNAKE: return those as they are (a test instead of a rewrite per key per row).
  if (CANONICAL.test(key)) return key;
  return key.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

/**
 * The row with its field names in the canonical UPPER_SNAKE spelling, so a change of casing (v2 sends
 * `TRADING_SIGNAL`, the current guides show `trading_signal`) never drops rows. When two spellings of one
 * field meet (captured payloads carry both `tm_link` and `TM_LINK`), the one already canonical wins.
 * Non-objects are returned as they are (validation reports them).
 */
export function canonicalRow(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const key = canonicalKey(k);
    if (k === key || !(key in out)) out[key] = v;
  }
  return out;
}

/** Level items `{date, level}` in any casing → lowercase keys. */
function lowerKeys(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Numbers may arrive as strings ("61.27"); empty strings and non-numbers stay invalid. */
const coerce = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v);
const finite = z.preprocess(coerce, z.number());
const positive = z.preprocess(coerce, z.number().positive());
const signal = z.preprocess(coerce, z.union([z.literal(-1), z.literal(0), z.literal(1)]));
const tokenId = z.preprocess(coerce, z.number().int().positive());
const isoDate = z
  .string()
  .trim()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'not a date' });
/** Optional descriptive text: a bad value is treated as absent rather than sinking the row. */
const optText = z.string().trim().min(1).max(200).optional().catch(undefined);
const optFinite = finite.optional().catch(undefined);
const optPositive = positive.optional().catch(undefined);

/** The API spells the identity fields TOKEN_SYMBOL/TOKEN_NAME (most endpoints) or SYMBOL/NAME (docs). */
const Ident = z.object({
  TOKEN_ID: tokenId,
  TOKEN_SYMBOL: optText,
  SYMBOL: optText,
  TOKEN_NAME: optText,
  NAME: optText,
  TM_LINK: optText,
});

const PriceRow = Ident.extend({ CURRENT_PRICE: positive });
const DailyRow = Ident.extend({
  DATE: isoDate,
  TRADING_SIGNAL: signal,
  TOKEN_TREND: signal,
  TM_TRADER_GRADE: optFinite,
});
const HourlyRow = Ident.extend({ TIMESTAMP: isoDate, SIGNAL: signal, POSITION: signal, CLOSE: optPositive });
const LevelsRow = Ident.extend({
  DATE: isoDate.optional().catch(undefined),
  HISTORICAL_RESISTANCE_SUPPORT_LEVELS: z.array(z.unknown()),
});
const LevelItem = z.object({ date: isoDate, level: positive });
const QuantRow = Ident.extend({ DATE: isoDate.optional().catch(undefined) }).loose();
const GradeRow = Ident.extend({
  TM_GRADE_SIGNAL: z.string().trim().min(1).max(40),
  TM_GRADE: optFinite,
  MOMENTUM: optText,
  DATE: isoDate.optional().catch(undefined),
});

/** Quantmetrics fields kept when they are finite numbers. */
export const QUANT_METRICS = [
  'VOLATILITY',
  'ALL_TIME_RETURN',
  'CAGR',
  'SHARPE',
  'SORTINO',
  'MAX_DRAWDOWN',
  'SKEW',
  'TAIL_RATIO',
  'RISK_REWARD_RATIO',
  'PROFIT_FACTOR',
  'KURTOSIS',
  'DAILY_VALUE_AT_RISK',
  'DAILY_RETURN_AVG',
  'DAILY_RETURN_STD',
  'EXPECTED_SHORTFALL_CVAR',
] as const;

/** One validated row reduced to what the bot uses. */
export interface ParsedRow<K extends DataKind = DataKind> {
  readonly tokenId: TokenId;
  readonly symbol?: string;
  readonly name?: string;
  readonly url?: string;
  /** Epoch ms of DATE/TIMESTAMP; 0 when the row has none. Picks the newest row per token. */
  readonly at: number;
  readonly part: Parts[K];
}

/**
 * Called for each dropped (or partly dropped) row. `reason` lists field paths and zod issue codes only:
 * never values, so nothing from the payload reaches the logs.
 */
export type InvalidRowSink = (kind: DataKind, reason: string, tokenId?: TokenId) => void;

function reasonOf(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.code}`).join(', ');
}

function ident(r: z.output<typeof Ident>) {
  const symbol = r.TOKEN_SYMBOL ?? r.SYMBOL;
  const name = r.TOKEN_NAME ?? r.NAME;
  // TM_LINK is sometimes a bare slug or ".../undefined" (seen in captured payloads): keep real links only.
  const url = r.TM_LINK?.startsWith('https://') && !r.TM_LINK.endsWith('/undefined') ? r.TM_LINK : undefined;
  return {
    tokenId: r.TOKEN_ID,
    ...(symbol !== undefined ? { symbol } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(url !== undefined ? { url } : {}),
  };
}

const ms = (s: string | undefined) => (s === undefined ? 0 : Date.parse(s));

type RowParser<K extends DataKind> = (
  raw: unknown,
  bad: (reason: string, id?: TokenId) => void,
) => ParsedRow<K> | undefined;

function via<S extends z.ZodType, K extends DataKind>(
  schema: S,
  build: (row: z.output<S>, bad: (reason: string, id?: TokenId) => void) => ParsedRow<K> | undefined,
): RowParser<K> {
  return (input, bad) => {
    const raw = canonicalRow(input);
    const r = schema.safeParse(raw);
    if (!r.success) {
      const id = Number((raw as { TOKEN_ID?: unknown } | null)?.TOKEN_ID);
      bad(reasonOf(r.error), Number.isSafeInteger(id) && id > 0 ? id : undefined);
      return undefined;
    }
    return build(r.data, bad);
  };
}

const PARSERS: { [K in DataKind]: RowParser<K> } = {
  price: via(PriceRow, (r) => ({ ...ident(r), at: 0, part: { price: r.CURRENT_PRICE } })),
  daily: via(DailyRow, (r) => ({
    ...ident(r),
    at: ms(r.DATE),
    part: {
      signal: r.TRADING_SIGNAL,
      trend: r.TOKEN_TREND,
      date: r.DATE,
      ...(r.TM_TRADER_GRADE !== undefined ? { traderGrade: r.TM_TRADER_GRADE } : {}),
    },
  })),
  hourly: via(HourlyRow, (r) => ({
    ...ident(r),
    at: ms(r.TIMESTAMP),
    part: {
      signal: r.SIGNAL,
      position: r.POSITION,
      timestamp: r.TIMESTAMP,
      ...(r.CLOSE !== undefined ? { close: r.CLOSE } : {}),
    },
  })),
  levels: via(LevelsRow, (r, bad) => {
    const levels: Array<{ level: number; date: string }> = [];
    let dropped = 0;
    for (const item of r.HISTORICAL_RESISTANCE_SUPPORT_LEVELS) {
      const l = LevelItem.safeParse(lowerKeys(item));
      if (l.success) levels.push({ level: l.data.level, date: l.data.date });
      else dropped++;
    }
    // Bad items are dropped one by one; the row's good levels are still real data.
    if (dropped > 0)
      bad(`HISTORICAL_RESISTANCE_SUPPORT_LEVELS: ${dropped} invalid item(s) dropped`, r.TOKEN_ID);
    return {
      ...ident(r),
      at: ms(r.DATE),
      part: { levels, ...(r.DATE !== undefined ? { date: r.DATE } : {}) },
    };
  }),
  quant: via(QuantRow, (r, bad) => {
    const metrics: Record<string, number> = {};
    const invalid: string[] = [];
    const rec = r as Record<string, unknown>;
    for (const key of QUANT_METRICS) {
      const v = rec[key];
      if (v === undefined || v === null) continue;
      const n = finite.safeParse(v);
      if (n.success) metrics[key] = n.data;
      else invalid.push(key);
    }
    if (Object.keys(metrics).length === 0) {
      bad('no finite quant metric', r.TOKEN_ID);
      return undefined;
    }
    if (invalid.length > 0) bad(`${invalid.join(', ')}: not a finite number (metric dropped)`, r.TOKEN_ID);
    return {
      ...ident(r),
      at: ms(r.DATE),
      part: { metrics, ...(r.DATE !== undefined ? { date: r.DATE } : {}) },
    };
  }),
  grade: via(GradeRow, (r) => ({
    ...ident(r),
    at: ms(r.DATE),
    part: {
      signal: r.TM_GRADE_SIGNAL,
      ...(r.TM_GRADE !== undefined ? { grade: r.TM_GRADE } : {}),
      ...(r.MOMENTUM !== undefined ? { momentum: r.MOMENTUM } : {}),
    },
  })),
};

/** Validate raw `data` rows of one endpoint; invalid rows are reported to `onInvalid` and left out. */
export function parseRows<K extends DataKind>(
  kind: K,
  rows: readonly unknown[],
  onInvalid: InvalidRowSink,
): ParsedRow<K>[] {
  const parser = PARSERS[kind] as RowParser<K>;
  const out: ParsedRow<K>[] = [];
  for (const raw of rows) {
    const row = parser(raw, (reason, id) => onInvalid(kind, reason, id));
    if (row) out.push(row);
  }
  return out;
}

/**
 * The newest row per token (largest DATE/TIMESTAMP; on a tie the first one, since the API lists newest
 * first). Rows for tokens not in `wanted` are ignored.
 */
export function newestPerToken<K extends DataKind>(
  rows: readonly ParsedRow<K>[],
  wanted?: ReadonlySet<TokenId>,
): Map<TokenId, ParsedRow<K>> {
  const out = new Map<TokenId, ParsedRow<K>>();
  for (const row of rows) {
    if (wanted && !wanted.has(row.tokenId)) continue;
    const prev = out.get(row.tokenId);
    if (!prev || row.at > prev.at) out.set(row.tokenId, row);
  }
  return out;
}

/** Identity known from elsewhere (the token directory), used when rows lack symbol or name. */
export type IdentityLookup = (tokenId: TokenId) => { symbol: string; name: string; url?: string } | undefined;

/**
 * Merge the newest rows of each kind into one observation per token. A token with no valid row of any
 * kind is absent. Symbol/name come from the rows, else from `lookup`, else `#<id>`.
 */
export function assemble(
  byKind: Partial<{ [K in DataKind]: Map<TokenId, ParsedRow<K>> }>,
  lookup: IdentityLookup = () => undefined,
): Map<TokenId, TokenObservation> {
  const maps = Object.values(byKind) as ReadonlyArray<Map<TokenId, ParsedRow>>;
  const ids = new Set<TokenId>();
  for (const m of maps) for (const id of m.keys()) ids.add(id);
  const out = new Map<TokenId, TokenObservation>();
  for (const id of ids) {
    const rows = maps.map((m) => m.get(id)).filter((r): r is ParsedRow => r !== undefined);
    const known = lookup(id);
    const symbol = known?.symbol ?? rows.find((r) => r.symbol)?.symbol ?? `#${id}`;
    const name = known?.name ?? rows.find((r) => r.name)?.name ?? symbol;
    const url = known?.url ?? rows.find((r) => r.url)?.url;
    const obs: { -readonly [P in keyof TokenObservation]: TokenObservation[P] } = {
      tokenId: id,
      symbol,
      name,
    };
    if (url !== undefined) obs.url = url;
    const put = <K extends DataKind>(k: K) => {
      const row = byKind[k]?.get(id) as ParsedRow<K> | undefined;
      if (row) (obs as Record<string, unknown>)[k] = row.part;
    };
    put('price');
    put('daily');
    put('hourly');
    put('levels');
    put('quant');
    put('grade');
    out.set(id, obs);
  }
  return out;
}
