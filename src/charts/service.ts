import { DEFAULT_SETTINGS, type TokenId } from '../domain/types.js';
import type { TokenView } from '../domain/view.js';
import type { Locale } from '../i18n/locales.js';
import type { PriceHistoryStore } from '../store/price-ports.js';
import { ChartCache } from './cache.js';
import { fontOutliner } from './font.js';
import { chartLabels } from './labels.js';
import { renderChart } from './render.js';
import type { TextPainter } from './text.js';
import { type ChartInput, type ChartLevel, type ChartRange, RANGE_MS } from './types.js';

/** A rendered chart ready to attach: PNG bytes, a file name and alt text (plain). */
export interface ChartImage {
  readonly png: Uint8Array;
  readonly filename: string;
  readonly alt: string;
}

export interface ChartServiceDeps {
  readonly history: Pick<PriceHistoryStore, 'range'>;
  /** The token's levels and price now (the stored engine view). */
  readonly view: (tokenId: TokenId) => Promise<TokenView | undefined>;
  readonly cache?: ChartCache;
  /** Draws the chart text. Default: an outliner of the shipped font, owned by this service. */
  readonly painter?: TextPainter;
  /**
   * Levels at least this strong are drawn. One value for everyone (default: the product default 50) so
   * every subscriber of a token shares one render.
   */
  readonly minStrength?: number;
}

export interface LevelChartRequest {
  readonly tokenId: TokenId;
  readonly symbol: string;
  readonly level: number;
  readonly strength: number;
  /** e.g. `touch of resistance`: plain text, escaped by the renderer. */
  readonly caption: string;
  /** Send time (the cache keys on its minute). */
  readonly at: number;
  /** The alert's price (USD): marked as "now" so the chart shows the price the alert states. */
  readonly price?: number;
  /** The reader's language (the message's `locale`): the chart's words; absent: English. */
  readonly locale?: Locale;
}

const UTC_MINUTE = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function fileName(symbol: string, range: string): string {
  const base = symbol.toLowerCase().replace(/[^a-z0-9]/g, '') || 'chart';
  return `${base}-${range}.png`;
}

/**
 * Charts for `/chart` and for level alerts at send time. Each render reads the token's price history
 * and view once and goes through the per-minute cache, so any number of destinations of one token's
 * alert in one minute cost one render (and one history read).
 */
export function chartService(deps: ChartServiceDeps) {
  const cache = deps.cache ?? new ChartCache();
  const minStrength = deps.minStrength ?? DEFAULT_SETTINGS.minStrength;
  const painter = deps.painter ?? fontOutliner();

  async function input(
    tokenId: TokenId,
    title: string,
    subtitle: string,
    range: ChartRange,
    now: number,
    highlight?: ChartLevel,
    price?: number,
    locale: Locale = 'en',
  ): Promise<ChartInput> {
    const from = now - RANGE_MS[range];
    const [points, view] = await Promise.all([deps.history.range(tokenId, from, now), deps.view(tokenId)]);
    const levels = (view?.levels ?? [])
      .filter((l) => l.strength >= minStrength)
      .map((l) => ({ level: l.level, strength: l.strength, side: l.side }));
    const nowPoint =
      price !== undefined
        ? { t: now, price }
        : view?.price !== undefined
          ? { t: Math.min(now, view.updatedAt ?? now), price: view.price }
          : undefined;
    return {
      title,
      subtitle,
      points,
      levels,
      from,
      to: now,
      labels: chartLabels(locale),
      ...(highlight ? { highlight } : {}),
      ...(nowPoint ? { now: nowPoint } : {}),
    };
  }

  return {
    cache,
    /** `/chart SOL 7d`. */
    async tokenChart(req: {
      readonly tokenId: TokenId;
      readonly symbol: string;
      readonly range: ChartRange;
      readonly now: number;
      /** The reader's language (`ctx.locale`); absent: English. */
      readonly locale?: Locale;
    }): Promise<ChartImage> {
      const title = `${req.symbol} · ${req.range}`;
      const locale = req.locale ?? 'en';
      const key = { tokenId: req.tokenId, at: req.now, range: req.range, locale };
      const rendered = await cache.get(key, async () =>
        renderChart(
          await input(
            req.tokenId,
            title,
            UTC_MINUTE(req.now),
            req.range,
            req.now,
            undefined,
            undefined,
            locale,
          ),
          painter,
        ),
      );
      const alt = chartLabels(locale).t('chartlabel-alt', { title });
      return { png: rendered.png, filename: fileName(req.symbol, req.range), alt };
    },
    /** The chart attached to a level alert: 7 days, the alert's level highlighted. */
    async levelChart(req: LevelChartRequest): Promise<ChartImage> {
      const title = `${req.symbol} · 7d`;
      const rendered = await cache.get(
        {
          tokenId: req.tokenId,
          at: req.at,
          range: `7d|${req.caption}`,
          highlight: req.level,
          locale: req.locale ?? 'en',
        },
        async () =>
          renderChart(
            await input(
              req.tokenId,
              title,
              req.caption,
              '7d',
              req.at,
              { level: req.level, strength: req.strength },
              req.price,
              req.locale,
            ),
            painter,
          ),
      );
      return { png: rendered.png, filename: fileName(req.symbol, '7d'), alt: `${title}: ${req.caption}` };
    },
  };
}

export type ChartService = ReturnType<typeof chartService>;
