import { formatDuration, formatNumber, formatPct, formatPrice, formatTime } from './format.js';

/**
 * Why a watched token has no live exchange stream, as data: produced by the price feed, shared between
 * replicas in the live set, and worded for people by `liveNoteText` (`/levels`, `/signal`, `/why`).
 * Times are absolute (epoch ms) so an unchanged note is unchanged JSON from one publication to the next.
 */

/** The source label of a polled price. */
export const TM_SOURCE = 'Token Metrics';

/** A price a new exchange pair is checked against. */
export interface ReferencePrice {
  /** USD. */
  readonly price: number;
  /** When it was seen here (stream receive time, or poll time), epoch ms. */
  readonly at: number;
  /** `Token Metrics`, or the stream it came from (`Binance SOL/USDT`). */
  readonly source: string;
}

/** A candidate pair whose price disagreed with the reference by more than the tolerance. */
export interface PriceDisagreement {
  /** `Coinbase SOL/USD`. */
  readonly pair: string;
  /** The pair's price (per token, scale applied), USD. */
  readonly price: number;
  /** When it arrived, epoch ms. */
  readonly at: number;
  readonly reference: ReferencePrice;
  /** |price − reference| / reference, percent. */
  readonly pct: number;
  /** The tolerance it exceeded, percent. */
  readonly tolerancePct: number;
}

/** An exchange that refused this server's handshake (HTTP 451/403). */
export interface ExchangeRefusal {
  /** `Binance`. */
  readonly exchange: string;
  readonly status?: number;
  /** When it is tried again, epoch ms. */
  readonly until: number;
}

export type LiveNote =
  /** The operator forbade streaming this token (PRICE_MAP_FILE). */
  | { readonly kind: 'forbidden' }
  /**
   * No exchange the bot streams from lists a USD-quoted pair for it; `exchanges` were looked at.
   * `unloaded`: exchanges whose pair list could not be loaded yet (retried), so "no pair" is not known.
   */
  | {
      readonly kind: 'none';
      readonly symbol?: string;
      readonly exchanges: readonly string[];
      readonly unloaded?: readonly string[];
    }
  /**
   * Every candidate is out: `ambiguous` when all were refused for their price, `unavailable` when at
   * least one exchange refuses this server. Both lists may be empty (a note from an older replica).
   */
  | {
      readonly kind: 'ambiguous' | 'unavailable';
      readonly disagree: readonly PriceDisagreement[];
      readonly refused: readonly ExchangeRefusal[];
    }
  /** A pair is streaming but not verified yet; `held`: it disagreed with a reference too old to judge by. */
  | { readonly kind: 'pending'; readonly pair: string; readonly held?: PriceDisagreement };

const KINDS = new Set(['forbidden', 'none', 'ambiguous', 'unavailable', 'pending']);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

function readReference(v: unknown): ReferencePrice | undefined {
  if (!isObj(v) || !isNum(v.price) || !isNum(v.at) || !isStr(v.source)) return undefined;
  return { price: v.price, at: v.at, source: v.source };
}

function readDisagreement(v: unknown): PriceDisagreement | undefined {
  if (!isObj(v) || !isStr(v.pair) || !isNum(v.price) || !isNum(v.at)) return undefined;
  const reference = readReference(v.reference);
  if (!reference || !isNum(v.pct) || !isNum(v.tolerancePct)) return undefined;
  return { pair: v.pair, price: v.price, at: v.at, reference, pct: v.pct, tolerancePct: v.tolerancePct };
}

function readRefusal(v: unknown): ExchangeRefusal | undefined {
  if (!isObj(v) || !isStr(v.exchange) || !isNum(v.until)) return undefined;
  return { exchange: v.exchange, until: v.until, ...(isNum(v.status) ? { status: v.status } : {}) };
}

const listOf = <T>(v: unknown, read: (x: unknown) => T | undefined): T[] =>
  Array.isArray(v) ? v.map(read).filter((x): x is T => x !== undefined) : [];

/**
 * A note read from the shared live set (another replica, maybe another version, wrote it): a bare kind
 * (`"ambiguous"`, as older replicas publish) or a note object; parts that do not parse are left out,
 * an unknown kind is undefined.
 */
export function readLiveNote(raw: unknown): LiveNote | undefined {
  const kind = isStr(raw) ? raw : isObj(raw) && isStr(raw.kind) ? raw.kind : undefined;
  if (kind === undefined || !KINDS.has(kind)) return undefined;
  const o = isObj(raw) ? raw : {};
  switch (kind) {
    case 'forbidden':
      return { kind };
    case 'none':
      return {
        kind,
        exchanges: listOf(o.exchanges, (x) => (isStr(x) ? x : undefined)),
        ...(isStr(o.symbol) ? { symbol: o.symbol } : {}),
        ...(Array.isArray(o.unloaded)
          ? { unloaded: listOf(o.unloaded, (x) => (isStr(x) ? x : undefined)) }
          : {}),
      };
    case 'pending': {
      const held = readDisagreement(o.held);
      return { kind, pair: isStr(o.pair) ? o.pair : 'a new pair', ...(held ? { held } : {}) };
    }
    default:
      return {
        kind: kind as 'ambiguous' | 'unavailable',
        disagree: listOf(o.disagree, readDisagreement),
        refused: listOf(o.refused, readRefusal),
      };
  }
}

/**
 * `Coinbase SOL/USD was $158.30, 12.06% off Token Metrics' $180.00 (2m before; 3% allowed)`, or against a
 * stream: `… off the last live price $201.60 (Binance SOL/USDT, 4s before; 3% allowed)`.
 */
export function disagreementText(d: PriceDisagreement): string {
  const r = d.reference;
  const gap = d.at - r.at;
  const when = `${gap < 1_000 ? 'just' : formatDuration(gap)} before; ${d.tolerancePct}% allowed`;
  const ref =
    r.source === TM_SOURCE
      ? `Token Metrics' ${formatPrice(r.price)} (${when})`
      : `the last live price ${formatPrice(r.price)} (${r.source}, ${when})`;
  // Another token's price can be thousands of percent away: a factor reads better from 2× on.
  const factor = Math.max(d.price / r.price, r.price / d.price);
  const off =
    factor >= 2
      ? `off by a factor of ${formatNumber(factor, factor >= 10 ? 0 : 1)} from`
      : `${formatPct(d.pct)} off`;
  return `${d.pair} was ${formatPrice(d.price)}, ${off} ${ref}`;
}

function refusalText(r: ExchangeRefusal): string {
  const status = r.status === undefined ? '' : ` (HTTP ${r.status})`;
  return `${r.exchange} refuses this server${status}, tried again ${formatTime(r.until)}`;
}

/** What older replicas' bare notes meant, and what a note with no detail still says. */
const GENERIC: Readonly<Record<'ambiguous' | 'unavailable', string>> = {
  ambiguous:
    'No live stream: the exchange price differs from Token Metrics (see docs/how-it-works.md, Live prices).',
  unavailable: 'No live stream right now: its exchanges refuse this server; back within the hour.',
};

/** The note as one line for people (plain text: each platform escapes it). */
export function liveNoteText(note: LiveNote): string {
  switch (note.kind) {
    case 'forbidden':
      return 'No live stream: turned off for this token by the operator.';
    case 'none': {
      const sym = note.symbol ?? 'this token';
      if (note.unloaded && note.unloaded.length > 0)
        return `No live stream yet: the pair lists of ${note.unloaded.join(', ')} could not be loaded; retrying.`;
      return note.exchanges.length > 0
        ? `No live stream: no ${sym} pair quoted in USD, USDT or USDC on ${note.exchanges.join(', ')}.`
        : `No live stream: Token Metrics lists ${sym} on none of the exchanges the bot streams from.`;
    }
    case 'pending':
      return note.held
        ? `Live stream not verified yet: ${disagreementText(note.held)}; that price is too old to judge by, waiting for a fresher one.`
        : `Live stream starting: waiting for the first price from ${note.pair} to check it.`;
    default: {
      const parts = [...note.disagree.map(disagreementText), ...note.refused.map(refusalText)];
      return parts.length > 0 ? `No live stream: ${parts.join('; ')}.` : GENERIC[note.kind];
    }
  }
}
