import type { PriceDisagreement, ReferencePrice } from '../../domain/live-note.js';

/**
 * The check a new exchange pair passes before its prices are used, pure. Its first price (per token, scale
 * applied) must be within `tolerancePct` of a reference: the freshest price the bot knows for the token,
 * its last live streamed price (kept across a change of exchange) or Token Metrics' last polled price.
 *
 * A reference may *reject* a pair only while it is fresh: prices move, and a token streamed for hours
 * through a 12 % move has a Token Metrics price as old as the stream (a streamed token is not polled).
 * Against an older reference a disagreeing pair is `stale`: held unverified (its token keeps the polled
 * price, so the next price poll brings a fresh reference within a tick) and judged again. An agreeing
 * price is accepted against a reference of any age: a wrong pair landing within 3 % of the right
 * token's old price by chance is far less likely than the right pair being there.
 */

/** Percent a first price may differ from its reference. */
export const GATE_PCT = 3;

/**
 * A reference at most this much older than the pair's price may reject it (2 min). A same-token move past
 * 3 % within two minutes is rare, and a pending token is polled, so a fresh reference is at most a price
 * poll away.
 */
export const REFERENCE_MAX_AGE_MS = 120_000;

export type Verdict =
  /** No reference known yet: wait. */
  | { readonly kind: 'unknown' }
  | { readonly kind: 'ok'; readonly pct: number }
  /** Disagrees with a fresh reference: reject the pair. */
  | { readonly kind: 'mismatch'; readonly pct: number; readonly reference: ReferencePrice }
  /** Disagrees with a reference too old to judge by: hold the pair unverified. */
  | { readonly kind: 'stale'; readonly pct: number; readonly reference: ReferencePrice };

/** The newest of the known references (undefined ones ignored; a tie keeps the first). */
export function freshestReference(
  ...refs: ReadonlyArray<ReferencePrice | undefined>
): ReferencePrice | undefined {
  let best: ReferencePrice | undefined;
  for (const r of refs) {
    if (!r || !(Number.isFinite(r.price) && r.price > 0) || !Number.isFinite(r.at)) continue;
    if (!best || r.at > best.at) best = r;
  }
  return best;
}

export interface VerifyOptions {
  /** Default GATE_PCT. */
  readonly tolerancePct?: number;
  /** Default REFERENCE_MAX_AGE_MS. */
  readonly maxAgeMs?: number;
}

/** Verdict on a pair's first price `price`, received at `at` (epoch ms), against `ref`. */
export function verifyPrice(
  price: number,
  at: number,
  ref: ReferencePrice | undefined,
  opts: VerifyOptions = {},
): Verdict {
  if (!ref || !Number.isFinite(ref.price) || ref.price <= 0) return { kind: 'unknown' };
  const pct = Number.isFinite(price) && price > 0 ? (Math.abs(price - ref.price) / ref.price) * 100 : 100;
  if (pct <= (opts.tolerancePct ?? GATE_PCT)) return { kind: 'ok', pct };
  const fresh = at - ref.at <= (opts.maxAgeMs ?? REFERENCE_MAX_AGE_MS);
  return { kind: fresh ? 'mismatch' : 'stale', pct, reference: ref };
}

/** The disagreement as the note and the logs carry it. */
export function disagreement(
  pair: string,
  price: number,
  at: number,
  v: Extract<Verdict, { reference: ReferencePrice }>,
  tolerancePct = GATE_PCT,
): PriceDisagreement {
  return { pair, price, at, reference: v.reference, pct: Math.round(v.pct * 100) / 100, tolerancePct };
}
