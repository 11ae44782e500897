import type { ExchangeRefusal, LiveNote, PriceDisagreement } from '../../domain/live-note.js';
import { ADAPTERS } from './adapters.js';
import { listedExchanges, type PairChoice, type TokenRef } from './mapping.js';
import { sourceLabel } from './source.js';
import type { ExchangeId } from './types.js';

/** `Coinbase SOL/USD`: a pair as people read it. */
export const choiceLabel = (c: PairChoice): string =>
  sourceLabel({ label: ADAPTERS[c.exchange].label, pair: c.pair, quote: c.quote });

/** What the feed knows of a token that has no pair assigned. */
export interface UnassignedFacts {
  /** The watched token (undefined: not watched). */
  readonly token: TokenRef | undefined;
  /** The operator forbade streaming it. */
  readonly forbidden: boolean;
  /** Its candidate pairs, best first. */
  readonly candidates: readonly PairChoice[];
  /** Why a candidate was refused for its price, if it was. */
  readonly rejected: (c: PairChoice) => PriceDisagreement | undefined;
  /** An exchange's refusal of this server while it lasts. */
  readonly refusal: (x: ExchangeId) => { readonly status: number; readonly until: number } | undefined;
  /** The exchanges the bot streams from, in preference order. */
  readonly exchanges: readonly ExchangeId[];
  /** Whether an exchange's pair list is loaded (false: it failed so far, so its pairs are unknown). */
  readonly loaded: (x: ExchangeId) => boolean;
}

/**
 * Why a token has no pair, pure: forbidden by the operator; no USD-quoted pair on the exchanges Token
 * Metrics lists for it; or each candidate out for its own reason (its price disagreed, its exchange
 * refuses this server): `ambiguous` when every one disagreed, else `unavailable`.
 */
export function unassignedNote(f: UnassignedFacts): {
  state: 'forbidden' | 'none' | 'ambiguous' | 'unavailable';
  note: LiveNote;
} {
  if (f.forbidden) return { state: 'forbidden', note: { kind: 'forbidden' } };
  if (f.candidates.length === 0) {
    const listed = f.token ? listedExchanges(f.token) : new Set<ExchangeId>();
    const looked = f.exchanges.filter((x) => listed.has(x));
    const exchanges = looked.map((x) => ADAPTERS[x].label);
    const unloaded = looked.filter((x) => !f.loaded(x)).map((x) => ADAPTERS[x].label);
    return {
      state: 'none',
      note: {
        kind: 'none',
        exchanges,
        ...(f.token ? { symbol: f.token.symbol } : {}),
        ...(unloaded.length > 0 ? { unloaded } : {}),
      },
    };
  }
  const disagree: PriceDisagreement[] = [];
  const refused = new Map<ExchangeId, ExchangeRefusal>();
  for (const c of f.candidates) {
    const why = f.rejected(c);
    const r = why ? undefined : f.refusal(c.exchange);
    if (why) disagree.push(why);
    else if (r) refused.set(c.exchange, { exchange: ADAPTERS[c.exchange].label, ...r });
  }
  const state = disagree.length === f.candidates.length ? 'ambiguous' : 'unavailable';
  return { state, note: { kind: state, disagree, refused: [...refused.values()] } };
}
