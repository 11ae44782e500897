import { formatNumber, formatPct, formatPrice, formatSignal } from '../domain/format.js';
import type { AlertEvent, AlertEventKind, TokenId } from '../domain/types.js';
import { PRICE_ALERT_ICON, priceAlertFacts, priceAlertHeadline, priceAlertTone } from './describe-price.js';

/**
 * The one place where an alert is worded. An event (or a digest of them) becomes a platform-free
 * description; each platform only maps it to its markup (Telegram HTML, a Discord embed, console text)
 * and escapes every string on the way. Nothing here is escaped.
 */

/** Colour family of an alert: bullish/broke up, bearish/broke down, near a level, or neither. */
export type Tone = 'up' | 'down' | 'near' | 'neutral';

/** One labelled number or word under the headline: `Price` → `$147.20`. */
export interface Fact {
  readonly label: string;
  readonly value: string;
}

/**
 * An image to show with the alert (a chart, later). No event produces one yet and no renderer shows
 * it; the field is here so the chart work has an obvious place to put it.
 */
export interface AlertImage {
  readonly png: Uint8Array;
  /** Alt text / caption, plain. */
  readonly alt: string;
}

export interface AlertDescription {
  readonly kind: AlertEventKind;
  readonly tokenId: TokenId;
  /** The token's symbol: what the headline is about (`SOL`). */
  readonly subject: string;
  /** The token's name (`Solana`). */
  readonly name: string;
  /** Follows the subject: `approaching resistance $150.00`. */
  readonly headline: string;
  /** A one-character mark for text platforms, so a digest can be scanned. */
  readonly icon: string;
  readonly tone: Tone;
  /**
   * In display order. New facts (price now with its time and source, next level beyond and behind,
   * signal date, trader grade) are added in `factsOf` and show up on every platform without markup code.
   */
  readonly facts: readonly Fact[];
  /** The token's page as the API gave it: unchecked; each platform keeps only http(s). */
  readonly link?: string;
  /** When the event was detected (epoch ms). */
  readonly at: number;
  readonly image?: AlertImage;
  /** The data is the bundled replay, not the market: shown on every platform (as a fact too). */
  readonly demo?: boolean;
}

/** The fact every alert on replay data carries. */
export const DEMO_FACT: Fact = { label: 'Data', value: 'demo data (bundled replay, not the live market)' };

export interface DigestDescription {
  /** `SOL (Solana)` for one token, else `3 alerts · SOL, BTC`. */
  readonly summary: string;
  /** `1 alert`, `3 alerts`. */
  readonly count: string;
  /** Set when the digest was held by quiet hours, a mute or the hourly cap. */
  readonly heldNote?: string;
  /** In the order given (delivery sorts by priority). */
  readonly alerts: readonly AlertDescription[];
}

export const HELD_NOTE = 'Held during your quiet hours or mute';

/** A metric name as people read it: SHARPE → Sharpe, MAX_DRAWDOWN → max drawdown. */
export function metricLabel(metric: string): string {
  return metric.toUpperCase() === 'SHARPE' ? 'Sharpe' : metric.replace(/_/g, ' ').toLowerCase();
}

function headlineOf(e: AlertEvent): string {
  switch (e.kind) {
    case 'signal_flip':
      return `${e.timeframe} signal flipped ${formatSignal(e.from)} → ${formatSignal(e.to)}`;
    case 'level_approach':
      return `approaching ${e.side} ${formatPrice(e.level)}`;
    case 'level_touch':
      return `touching ${e.side} ${formatPrice(e.level)}`;
    case 'level_breakout':
      return `broke ${e.direction === 'up' ? 'above' : 'below'} ${e.side} ${formatPrice(e.level)}`;
    case 'metric_cross':
      return `${metricLabel(e.metric)} crossed ${e.direction === 'up' ? 'above' : 'below'} ${formatNumber(e.threshold)}`;
    case 'grade_change':
      return `TM grade signal ${e.from} → ${e.to}`;
    case 'price_alert':
      return priceAlertHeadline(e);
  }
}

function factsOf(e: AlertEvent): Fact[] {
  switch (e.kind) {
    case 'signal_flip':
      return e.price === undefined ? [] : [{ label: 'Price', value: formatPrice(e.price) }];
    case 'level_approach':
    case 'level_touch':
    case 'level_breakout':
      return [
        { label: 'Price', value: formatPrice(e.price) },
        { label: 'Level', value: `${formatPrice(e.level)} (${e.side})` },
        { label: 'Distance', value: formatPct(e.distancePct) },
        { label: 'Strength', value: `${formatNumber(e.strength, 0)}/100` },
      ];
    case 'metric_cross': {
      const facts = [
        { label: metricLabel(e.metric), value: formatNumber(e.value) },
        { label: 'Threshold', value: formatNumber(e.threshold) },
      ];
      if (e.previous !== undefined) facts.push({ label: 'Previous', value: formatNumber(e.previous) });
      return facts;
    }
    case 'grade_change':
      return e.grade === undefined ? [] : [{ label: 'TM grade', value: formatNumber(e.grade, 1) }];
    case 'price_alert':
      return priceAlertFacts(e);
  }
}

function toneOf(e: AlertEvent): Tone {
  switch (e.kind) {
    case 'signal_flip':
      return e.to === 1 ? 'up' : e.to === -1 ? 'down' : 'neutral';
    case 'level_approach':
    case 'level_touch':
      return 'near';
    case 'level_breakout':
    case 'metric_cross':
      return e.direction;
    case 'grade_change':
      return /buy/i.test(e.to) ? 'up' : /sell/i.test(e.to) ? 'down' : 'neutral';
    case 'price_alert':
      return priceAlertTone(e);
  }
}

function iconOf(e: AlertEvent): string {
  switch (e.kind) {
    case 'signal_flip':
      return e.to === 1 ? '🟢' : e.to === -1 ? '🔴' : '⚪';
    case 'level_breakout':
      return e.direction === 'up' ? '🚀' : '📉';
    case 'level_touch':
      return '🎯';
    case 'level_approach':
      return '👀';
    case 'metric_cross':
      return e.direction === 'up' ? '📈' : '📉';
    case 'grade_change':
      return '🏷️';
    case 'price_alert':
      return PRICE_ALERT_ICON;
  }
}

/** One event → its description. */
export function describeAlert(e: AlertEvent): AlertDescription {
  return {
    kind: e.kind,
    tokenId: e.tokenId,
    subject: e.symbol,
    name: e.name,
    headline: headlineOf(e),
    icon: iconOf(e),
    tone: toneOf(e),
    facts: e.demo ? [...factsOf(e), DEMO_FACT] : factsOf(e),
    at: e.at,
    ...(e.demo ? { demo: true } : {}),
    ...(e.url !== undefined ? { link: e.url } : {}),
  };
}

/** A digest (one message's events, highest priority first) → its description. */
export function describeDigest(events: readonly AlertEvent[], origin: 'tick' | 'held'): DigestDescription {
  const symbols = [...new Set(events.map((e) => e.symbol))];
  const first = events[0];
  const count = `${events.length} alert${events.length === 1 ? '' : 's'}`;
  const summary =
    symbols.length === 1 && first ? `${first.symbol} (${first.name})` : `${count} · ${symbols.join(', ')}`;
  return {
    summary,
    count,
    ...(origin === 'held' ? { heldNote: HELD_NOTE } : {}),
    alerts: events.map(describeAlert),
  };
}

/** Facts as one line of text: `Price $147.20 · Level $150.00 (resistance) · Distance 1.87%`. */
export function factLine(facts: readonly Fact[]): string {
  return facts.map((f) => `${f.label} ${f.value}`).join(' · ');
}
