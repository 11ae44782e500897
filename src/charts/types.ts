import type { LevelSide } from '../domain/types.js';
import type { ChartLabels } from './labels.js';

/** One price sample: epoch ms and USD price (> 0). */
export interface PricePoint {
  readonly t: number;
  readonly price: number;
}

/** A support/resistance level drawn as a labelled band. */
export interface ChartLevel {
  readonly level: number;
  /** 0..100: shown in the label and as the band's opacity. */
  readonly strength: number;
  readonly side?: LevelSide;
}

/** The time windows `/chart` offers. */
export const CHART_RANGES = ['24h', '7d', '30d'] as const;
export type ChartRange = (typeof CHART_RANGES)[number];

export const RANGE_MS: Readonly<Record<ChartRange, number>> = {
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/**
 * Everything a chart shows. Pure data, so the same input always gives the same SVG and PNG bytes
 * (no clock, no randomness, no locale inside the renderer).
 */
export interface ChartInput {
  /** Token symbol or title text: user/API data, escaped before it reaches the SVG. */
  readonly title: string;
  /** Optional second line of the title (e.g. `touch of resistance`). Escaped. */
  readonly subtitle?: string;
  /** Samples sorted by time; points outside [from, to] are ignored. */
  readonly points: readonly PricePoint[];
  /** Strong levels to draw; the ones far outside the price range are left out. */
  readonly levels: readonly ChartLevel[];
  /** The alert's level, drawn highlighted (when it is also in `levels` it is drawn once, highlighted). */
  readonly highlight?: ChartLevel;
  /** Price now, marked on the right edge. Default: the last point. */
  readonly now?: PricePoint;
  /** Time window shown, epoch ms. */
  readonly from: number;
  readonly to: number;
  /** The words drawn, in the reader's language; absent: English. */
  readonly labels?: ChartLabels;
}

/** Output size. 800×400 reads well in a Discord embed and a Telegram photo. */
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;

/** Colours, exported so pixel tests can look for them. */
export const COLORS = {
  background: '#0f1720',
  grid: '#243244',
  text: '#c9d4e0',
  price: '#4fa3ff',
  support: '#2ecc71',
  resistance: '#e74c3c',
  highlight: '#ffc107',
  now: '#ffffff',
} as const;
