import type { Translate } from '../i18n/catalog.js';
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
 * stream: `… off the last live price $201.60 (Binance SOL/USDT, 4s before; 3% allowed)`. In `t`'s language;
 * prices, percents and durations read the same in every language.
 */
export function disagreementText(d: PriceDisagreement, t: Translate): string {
  const r = d.reference;
  const gap = d.at - r.at;
  const tolerance = String(d.tolerancePct);
  const when =
    gap < 1_000
      ? t('livenote-when-just', { tolerance })
      : t('livenote-when', { gap: formatDuration(gap), tolerance });
  const price = formatPrice(r.price);
  const ref =
    r.source === TM_SOURCE
      ? t('livenote-ref-tm', { price, when })
      : t('livenote-ref-live', { price, source: r.source, when });
  // Another token's price can be thousands of percent away: a factor reads better from 2× on.
  const factor = Math.max(d.price / r.price, r.price / d.price);
  const args = { pair: d.pair, price: formatPrice(d.price), ref };
  return factor >= 2
    ? t('livenote-disagreement-factor', { ...args, factor: formatNumber(factor, factor >= 10 ? 0 : 1) })
    : t('livenote-disagreement-pct', { ...args, pct: formatPct(d.pct) });
}

function refusalText(r: ExchangeRefusal, t: Translate): string {
  const args = { exchange: r.exchange, time: formatTime(r.until) };
  return r.status === undefined
    ? t('livenote-refused', args)
    : t('livenote-refused-status', { ...args, status: String(r.status) });
}

/**
 * The note as one line for people (plain text: each platform escapes it), in `t`'s language (the
 * reader's `ctx.t`); English when not given. A bare note of older replicas reads as the generic text.
 */
export function liveNoteText(note: LiveNote, t: Translate): string {
  switch (note.kind) {
    case 'forbidden':
      return t('livenote-forbidden');
    case 'none': {
      const symbol = note.symbol ?? t('livenote-this-token');
      if (note.unloaded && note.unloaded.length > 0)
        return t('livenote-unloaded', { exchanges: note.unloaded.join(', ') });
      return note.exchanges.length > 0
        ? t('livenote-no-pair', { symbol, exchanges: note.exchanges.join(', ') })
        : t('livenote-not-listed', { symbol });
    }
    case 'pending':
      return note.held
        ? t('livenote-pending-held', { disagreement: disagreementText(note.held, t) })
        : t('livenote-pending', { pair: note.pair });
    default: {
      const parts = [
        ...note.disagree.map((d) => disagreementText(d, t)),
        ...note.refused.map((r) => refusalText(r, t)),
      ];
      if (parts.length > 0) return t('livenote-reasons', { reasons: parts.join('; ') });
      return t(note.kind === 'ambiguous' ? 'livenote-generic-ambiguous' : 'livenote-generic-unavailable');
    }
  }
}
