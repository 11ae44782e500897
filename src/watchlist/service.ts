import { fontOutliner } from '../charts/font.js';
import type { TextPainter } from '../charts/text.js';
import type { DataKind } from '../domain/market.js';
import type { TokenId } from '../domain/types.js';
import type { TokenView } from '../domain/view.js';
import type { PriceHistoryStore } from '../store/price-ports.js';
import { type CardRow, renderCard } from './card.js';
import { buildRow, type WatchlistRow } from './rows.js';
import { footnote, tableLines } from './table.js';

/**
 * `/watchlist` and the daily brief share this one path: rows from the stored engine views (one batched
 * read) and the price 24 h ago (one small history read per token), the table and its footnote, and the
 * PNG card, drawn once per token set and minute however many places ask for it.
 */
export interface WatchlistToken {
  readonly tokenId: TokenId;
  readonly symbol: string;
}

export interface WatchlistDeps {
  /** The tokens' views (stored engine state, live prices applied), in one round trip. */
  views(tokenIds: readonly TokenId[]): Promise<Map<TokenId, TokenView>>;
  readonly history: Pick<PriceHistoryStore, 'range'>;
  /** Kinds the API plan refuses now. */
  unavailable(): readonly DataKind[];
  /** Draws the card's text; default an outliner of the shipped font, owned by the service. */
  readonly painter?: TextPainter;
  /** Cards kept (least recently used go first). Default 512 (~40 KB each: ~20 MB). */
  readonly cacheSize?: number;
}

/** What a place sees: title, the aligned table (with the footnote under it) and the rows behind it. */
export interface WatchlistContent {
  readonly rows: readonly WatchlistRow[];
  readonly table: readonly string[];
}

export interface CardImage {
  readonly png: Uint8Array;
  readonly filename: string;
  readonly alt: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `Watchlist · 2026-12-06 07:00 UTC`: the card's title (UTC, so every place of a set shares one card). */
export function cardTitle(minuteStart: number): string {
  return `Watchlist · ${new Date(minuteStart).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The table lines with the footnote under them (a blank line between). */
export function contentOf(rows: readonly WatchlistRow[]): WatchlistContent {
  const note = footnote(rows);
  return { rows, table: note === undefined ? tableLines(rows) : [...tableLines(rows), '', note] };
}

export function watchlistService(deps: WatchlistDeps) {
  const painter = deps.painter ?? fontOutliner();
  const max = Math.max(1, deps.cacheSize ?? 512);
  const cards = new Map<string, Promise<Uint8Array>>();
  let renders = 0;

  /** Rows of several token sets at once: each distinct token's view and history read once. */
  async function rowsMany(
    sets: ReadonlyArray<readonly WatchlistToken[]>,
    now: number,
  ): Promise<WatchlistRow[][]> {
    const ids = [...new Set(sets.flatMap((s) => s.map((t) => t.tokenId)))];
    const [views, histories] = await Promise.all([
      deps.views(ids),
      Promise.all(ids.map((id) => deps.history.range(id, now - DAY - 2 * HOUR, now - DAY + 2 * HOUR))),
    ]);
    const history = new Map(ids.map((id, i) => [id, histories[i] ?? []]));
    const unavailable = deps.unavailable();
    return sets.map((tokens) =>
      tokens.map((t) =>
        buildRow({
          tokenId: t.tokenId,
          symbol: t.symbol,
          view: views.get(t.tokenId),
          history: history.get(t.tokenId) ?? [],
          unavailable,
          now,
        }),
      ),
    );
  }

  async function rows(tokens: readonly WatchlistToken[], now: number): Promise<WatchlistRow[]> {
    return (await rowsMany([tokens], now))[0] ?? [];
  }

  async function drawCard(
    tokens: readonly WatchlistToken[],
    title: string,
    now: number,
  ): Promise<Uint8Array> {
    renders++;
    const list = await rows(tokens, now);
    const points = await Promise.all(list.map((r) => deps.history.range(r.tokenId, now - 7 * DAY, now)));
    const cardRows: CardRow[] = list.map((r, i) => ({
      symbol: r.symbol,
      ...('value' in r.price ? { price: r.price.value.usd } : {}),
      ...('value' in r.change24h ? { change24h: r.change24h.value } : {}),
      ...('value' in r.support ? { support: r.support.value.level } : {}),
      ...('value' in r.resistance ? { resistance: r.resistance.value.level } : {}),
      points: points[i] ?? [],
    }));
    return renderCard({ title, rows: cardRows, to: now }, painter);
  }

  return {
    rows,
    /** Contents of several token sets (the daily briefs of one minute): every token read once. */
    async contents(sets: ReadonlyArray<readonly WatchlistToken[]>, now: number): Promise<WatchlistContent[]> {
      return (await rowsMany(sets, now)).map(contentOf);
    },
    /** Rows, table and footnote of these tokens now. */
    async content(tokens: readonly WatchlistToken[], now: number): Promise<WatchlistContent> {
      return contentOf(await rows(tokens, now));
    },
    /**
     * The card of these tokens at `now`'s minute: one render per token set and minute, whatever place
     * asks (concurrent and later asks share it; the title names no place for that reason). A failed
     * render is not kept.
     */
    card(tokens: readonly WatchlistToken[], now: number): Promise<CardImage> {
      const minute = Math.floor(now / 60_000);
      const key = `${tokens.map((t) => t.tokenId).join(',')}|${minute}`;
      const title = cardTitle(minute * 60_000);
      let hit = cards.get(key);
      if (hit) {
        cards.delete(key);
      } else {
        hit = drawCard(tokens, title, now);
        hit.catch(() => cards.delete(key));
      }
      cards.set(key, hit);
      while (cards.size > max) {
        const oldest = cards.keys().next().value;
        if (oldest === undefined) break;
        cards.delete(oldest);
      }
      return hit.then((png) => ({ png, filename: 'watchlist.png', alt: `${title}: prices and 7-day lines` }));
    },
    /** Cards drawn so far (cache misses), for tests and the benchmark. */
    renders: () => renders,
  };
}

export type WatchlistService = ReturnType<typeof watchlistService>;
