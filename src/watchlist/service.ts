import { fontOutliner } from '../charts/font.js';
import type { TextPainter } from '../charts/text.js';
import type { DataKind } from '../domain/market.js';
import type { TokenId } from '../domain/types.js';
import type { TokenView } from '../domain/view.js';
import { type Translate, translatorFor } from '../i18n/catalog.js';
import { type Locale, SOURCE_LOCALE } from '../i18n/locales.js';
import type { PriceHistoryStore } from '../store/price-ports.js';
import { type CardLabels, type CardRow, renderCard } from './card.js';
import { buildRow, type WatchlistRow } from './rows.js';
import { footnote, tableLines } from './table.js';

/**
 * `/watchlist` and the daily brief share this one path: rows from the stored engine views (one batched
 * read) and the price 24 h ago (one history read for all tokens), the table and its footnote, and the
 * PNG card, drawn once per token set and minute however many places ask for it.
 */
export interface WatchlistToken {
  readonly tokenId: TokenId;
  readonly symbol: string;
}

export interface WatchlistDeps {
  /** The tokens' views (stored engine state, live prices applied), in one round trip. */
  views(tokenIds: readonly TokenId[]): Promise<Map<TokenId, TokenView>>;
  readonly history: Pick<PriceHistoryStore, 'rangeMany'>;
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

/**
 * `Watchlist · 2026-12-06 07:00 UTC`: the card's title (UTC, so every place of a set and language shares
 * one card).
 */
export function cardTitle(minuteStart: number, t: Translate): string {
  return t('card-title', { time: new Date(minuteStart).toISOString().slice(0, 16).replace('T', ' ') });
}

/** The card's words in one language. */
export function cardLabels(t: Translate): CardLabels {
  return {
    days: t('card-days'),
    support: t('card-support'),
    resistance: t('card-resistance'),
    empty: t('card-empty'),
  };
}

/** The table lines with the footnote under them (a blank line between). */
export function contentOf(rows: readonly WatchlistRow[], t: Translate): WatchlistContent {
  const note = footnote(rows, t);
  const lines = tableLines(rows, t);
  return { rows, table: note === undefined ? lines : [...lines, '', note] };
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
      deps.history.rangeMany(ids, now - DAY - 2 * HOUR, now - DAY + 2 * HOUR),
    ]);
    const unavailable = deps.unavailable();
    return sets.map((tokens) =>
      tokens.map((t) =>
        buildRow({
          tokenId: t.tokenId,
          symbol: t.symbol,
          view: views.get(t.tokenId),
          history: histories.get(t.tokenId) ?? [],
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
    labels: CardLabels,
    now: number,
  ): Promise<Uint8Array> {
    renders++;
    const list = await rows(tokens, now);
    const week = await deps.history.rangeMany(
      list.map((r) => r.tokenId),
      now - 7 * DAY,
      now,
    );
    const points = list.map((r) => week.get(r.tokenId) ?? []);
    const cardRows: CardRow[] = list.map((r, i) => ({
      symbol: r.symbol,
      ...('value' in r.price ? { price: r.price.value.usd } : {}),
      ...('value' in r.change24h ? { change24h: r.change24h.value } : {}),
      ...('value' in r.support ? { support: r.support.value.level } : {}),
      ...('value' in r.resistance ? { resistance: r.resistance.value.level } : {}),
      points: points[i] ?? [],
    }));
    return renderCard({ title, labels, rows: cardRows, to: now }, painter);
  }

  return {
    rows,
    /**
     * Contents of several token sets (the daily briefs of one minute): every token read once. `locales[i]`
     * is the language of set `i` (default English): the runner resolved each place's language.
     */
    async contents(
      sets: ReadonlyArray<readonly WatchlistToken[]>,
      now: number,
      locales: readonly Locale[] = [],
    ): Promise<WatchlistContent[]> {
      return (await rowsMany(sets, now)).map((r, i) =>
        contentOf(r, translatorFor(locales[i] ?? SOURCE_LOCALE)),
      );
    },
    /** Rows, table and footnote of these tokens now, in `t`'s language. */
    async content(tokens: readonly WatchlistToken[], now: number, t: Translate): Promise<WatchlistContent> {
      return contentOf(await rows(tokens, now), t);
    },
    /**
     * The card of these tokens at `now`'s minute in `locale`: one render per token set, minute and
     * language, whatever place asks (concurrent and later asks share it; the title names no place for that
     * reason, and the key has the language so an English and a Russian card never mix). A failed render
     * is not kept.
     */
    card(tokens: readonly WatchlistToken[], now: number, locale: Locale = SOURCE_LOCALE): Promise<CardImage> {
      const minute = Math.floor(now / 60_000);
      const key = `${tokens.map((t) => t.tokenId).join(',')}|${minute}|${locale}`;
      const t = translatorFor(locale);
      const title = cardTitle(minute * 60_000, t);
      let hit = cards.get(key);
      if (hit) {
        cards.delete(key);
      } else {
        hit = drawCard(tokens, title, cardLabels(t), now);
        hit.catch(() => cards.delete(key));
      }
      cards.set(key, hit);
      while (cards.size > max) {
        const oldest = cards.keys().next().value;
        if (oldest === undefined) break;
        cards.delete(oldest);
      }
      return hit.then((png) => ({ png, filename: 'watchlist.png', alt: t('card-alt', { title }) }));
    },
    /** Cards drawn so far (cache misses), for tests and the benchmark. */
    renders: () => renders,
  };
}

export type WatchlistService = ReturnType<typeof watchlistService>;
