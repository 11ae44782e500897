import type { FetchRequest, MarketSource, TokenObservation } from '#src/domain/market.js';
import type { Destination, SignalValue, TokenId } from '#src/domain/types.js';
import type { Store } from '#src/store/ports.js';

/**
 * Synthetic load for the tick benchmark: `tokens` tokens, `subs` subscriptions spread evenly over
 * destinations (each destination follows `perDest` distinct tokens), and a market where `changing` of the
 * tokens flip their daily signal each tick (the rest only move their price a little).
 */
export interface Load {
  readonly tokens: number;
  readonly subs: number;
  readonly perDest: number;
  /** Share of tokens that change per tick (0.05). */
  readonly changing: number;
}

export function destinationOf(i: number): Destination {
  // A mix of kinds, like a real deployment: DMs, Telegram groups, Discord channels of a few guilds.
  if (i % 10 < 6) return { platform: 'telegram', kind: 'dm', id: String(10_000 + i) };
  if (i % 10 < 8)
    return {
      platform: 'telegram',
      kind: 'group',
      id: String(-1_000_000 - i),
      parentId: String(-1_000_000 - i),
    };
  return {
    platform: 'discord',
    kind: 'channel',
    id: String(5_000_000 + i),
    parentId: String(900 + (i % 50)),
  };
}

const tokenIdOf = (i: number): TokenId => 100 + i;

/** Seeds subscriptions (and settings for a tenth of the destinations) with batched concurrent writes. */
export async function seed(store: Store, load: Load, now: number): Promise<number> {
  const dests = Math.ceil(load.subs / load.perDest);
  const chunk = 2000;
  let written = 0;
  for (let start = 0; start < dests; start += chunk) {
    const writes: Promise<unknown>[] = [];
    for (let d = start; d < Math.min(dests, start + chunk); d++) {
      const dest = destinationOf(d);
      for (let j = 0; j < load.perDest && written < load.subs; j++) {
        // Spread: destination d follows tokens d, d+stride, ... so every token gets ~subs/tokens subscribers.
        const t = (d * 7 + j * Math.floor(load.tokens / load.perDest)) % load.tokens;
        writes.push(store.subscriptions.subscribe(dest, tokenIdOf(t), `T${t}`, ['signal', 'levels'], now));
        written++;
      }
      if (d % 10 === 0)
        writes.push(store.settings.update(`telegram:dm:${10_000 + d}`, { cooldownSec: 1800 }));
    }
    await Promise.all(writes);
  }
  return written;
}

/** A market where each tick `changing × tokens` tokens (a rotating window) flip their daily signal. */
export function syntheticMarket(load: Load): MarketSource & { tick: number } {
  const signals = new Map<TokenId, SignalValue>();
  const state = { tick: 0 };
  const changingPerTick = Math.round(load.tokens * load.changing);
  return {
    get tick() {
      return state.tick;
    },
    set tick(n: number) {
      state.tick = n;
      const from = (n * changingPerTick) % load.tokens;
      for (let k = 0; k < changingPerTick; k++) {
        const id = tokenIdOf((from + k) % load.tokens);
        signals.set(id, signals.get(id) === 1 ? -1 : 1);
      }
    },
    async fetch(req: FetchRequest) {
      const out = new Map<TokenId, TokenObservation>();
      const date = new Date(Date.UTC(2026, 0, 1) + state.tick * 86_400_000).toISOString().slice(0, 10);
      for (const id of req.tokenIds) {
        const sig = signals.get(id) ?? -1;
        out.set(id, {
          tokenId: id,
          symbol: `T${id - 100}`,
          name: `Token ${id - 100}`,
          price: { price: 10 + ((id * 13 + state.tick) % 97) / 10 },
          daily: { signal: sig, trend: sig, date },
        });
      }
      return out;
    },
  };
}
