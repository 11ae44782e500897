import {
  formatClock,
  formatNumber,
  formatPct,
  formatPrice,
  formatSignal,
  type ZoneCache,
} from '../domain/format.js';
import type {
  AlertEvent,
  AlertEventKind,
  LevelEvent,
  LevelRef,
  SignalFlipEvent,
  SignalValue,
  TokenId,
} from '../domain/types.js';
import { type Translate, translatorFor } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locales.js';
import { gradeSignalLabel, metricLabel } from './describe-labels.js';
import { PRICE_ALERT_ICON, priceAlertFacts, priceAlertHeadline, priceAlertTone } from './describe-price.js';

/** The labels of alert kinds (one table for /why, /stats and chart captions) are worded with the alerts. */
export {
  capitalize,
  gradeSignalLabel,
  type KindDetail,
  kindLabel,
  metricLabel,
  OUTCOME_LABELS,
  outcomeLabel,
} from './describe-labels.js';

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
   * In display order: price now with its time and source, level facts with the target beyond and the
   * level behind, a flip's own date or hour and grades. Added in `factsOf`, they show up on every
   * platform without markup code.
   */
  readonly facts: readonly Fact[];
  /** The token's page as the API gave it: unchecked; each platform keeps only http(s). */
  readonly link?: string;
  /** When the event was detected (epoch ms). */
  readonly at: number;
  /**
   * `at` for people (`14:32 UTC`, `Nov 28 22:15 GMT+1`): set on the items of a held digest, which happened
   * at different times before the digest was sent. Text platforms show it; Discord's embed timestamp
   * already shows `at` in each reader's own zone.
   */
  readonly time?: string;
  readonly image?: AlertImage;
  /** The data is the bundled replay, not the market: shown on every platform (as a fact too). */
  readonly demo?: boolean;
}

/** The fact every alert on replay data carries. */
export const demoFact = (t: Translate): Fact => ({ label: t('fact-data'), value: t('fact-demo') });

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

/** How an alert is worded for one destination: its language and its zone. */
export interface DescribeOptions {
  /** The destination's language (`translatorFor(message.locale)`); English for operators and webhooks. */
  readonly t: Translate;
  /** The same language, for the day and month of times (`28 nov 14:32 UTC`); absent: English. */
  readonly locale?: Locale;
  /** IANA zone of the destination (its quiet-hours zone); absent: UTC. */
  readonly tz?: string;
  /** Zone formatters shared by the times of one description; absent: each time builds its own. */
  readonly zones?: ZoneCache;
}

function headlineOf(e: AlertEvent, t: Translate): string {
  switch (e.kind) {
    case 'signal_flip': {
      const signal = (s: SignalValue) => t('event-signal', { signal: formatSignal(s) });
      return t('event-signal-flip', { timeframe: e.timeframe, from: signal(e.from), to: signal(e.to) });
    }
    case 'level_approach':
      return t('event-level-approach', { side: e.side, level: formatPrice(e.level) });
    case 'level_touch':
      return t('event-level-touch', { side: e.side, level: formatPrice(e.level) });
    case 'level_breakout':
      return t('event-level-breakout', { direction: e.direction, side: e.side, level: formatPrice(e.level) });
    case 'metric_cross':
      return t('event-metric-cross', {
        metric: metricLabel(e.metric, t),
        direction: e.direction,
        threshold: formatNumber(e.threshold),
      });
    case 'grade_change':
      return t('event-grade-change', { from: gradeSignalLabel(e.from, t), to: gradeSignalLabel(e.to, t) });
    case 'price_alert':
      return priceAlertHeadline(e, t);
  }
}

/**
 * `$147.20 (14:32 UTC, Binance SOL/USDT)`: the price with when and where it was seen. Events queued
 * before the stamp existed show the bare price.
 */
function priceValue(price: number, e: LevelEvent | SignalFlipEvent, o: DescribeOptions): string {
  if (e.priceAt === undefined) return formatPrice(price);
  // A polled price is Token Metrics' own, except on the bundled replay, which is no market at all.
  return priceSeen(price, e.priceAt, e.priceSource ?? polledSource(e, o.t), e.at, o);
}

/** The exchange pair (`Binance SOL/USDT`) and `Token Metrics` are names; only the replay is worded. */
const polledSource = (e: AlertEvent, t: Translate) => (e.demo ? t('fact-source-demo') : 'Token Metrics');

function priceSeen(price: number, at: number, source: string, ref: number, o: DescribeOptions): string {
  return o.t('fact-price-seen', { price: formatPrice(price), time: formatClock(at, { ...o, ref }), source });
}

/** `$162.40 (resistance, 70/100)`: a level above the price is resistance, below it support. */
function levelRefValue(l: LevelRef, side: 'resistance' | 'support', t: Translate): string {
  return t('fact-level-ref', { price: formatPrice(l.level), side, strength: formatNumber(l.strength, 0) });
}

function levelFacts(e: LevelEvent, o: DescribeOptions): Fact[] {
  const { t } = o;
  const facts: Fact[] = [
    { label: t('fact-price'), value: priceValue(e.price, e, o) },
    { label: t('fact-level'), value: t('fact-level-value', { price: formatPrice(e.level), side: e.side }) },
    { label: t('fact-distance'), value: formatPct(e.distancePct) },
    { label: t('fact-strength'), value: `${formatNumber(e.strength, 0)}/100` },
  ];
  const up = e.direction === 'up';
  if (e.beyond)
    facts.push({ label: t('fact-target'), value: levelRefValue(e.beyond, up ? 'resistance' : 'support', t) });
  if (e.behind) {
    facts.push({
      label: t(up ? 'fact-fails-below' : 'fact-fails-above'),
      value: levelRefValue(e.behind, up ? 'support' : 'resistance', t),
    });
  }
  return facts;
}

/** The signal row's own day (daily DATE) or hour (hourly TIMESTAMP); unparseable text is shown as given. */
function signalTimeFact(e: SignalFlipEvent, o: DescribeOptions): Fact | undefined {
  const raw = e.signalTime?.trim();
  if (!raw) return undefined;
  if (e.timeframe === 'daily') {
    return { label: o.t('fact-signal-date'), value: /^\d{4}-\d{2}-\d{2}/.test(raw) ? raw.slice(0, 10) : raw };
  }
  const ms = parseUtc(raw);
  return {
    label: o.t('fact-signal-hour'),
    value: Number.isFinite(ms) ? formatClock(ms, { ...o, ref: e.at }) : raw,
  };
}

/** An API timestamp; one without a zone (`2026-01-14T12:00:00`) is UTC, not the host's local time. */
function parseUtc(raw: string): number {
  const zoned = /T.*([zZ]|[+-]\d\d:?\d\d)$/.test(raw) || !raw.includes('T');
  return Date.parse(zoned ? raw : `${raw}Z`);
}

function flipFacts(e: SignalFlipEvent, o: DescribeOptions): Fact[] {
  const { t } = o;
  const facts: Fact[] = [];
  if (e.price !== undefined) facts.push({ label: t('fact-price'), value: priceValue(e.price, e, o) });
  const when = signalTimeFact(e, o);
  if (when) facts.push(when);
  if (e.traderGrade !== undefined)
    facts.push({ label: t('fact-trader-grade'), value: formatNumber(e.traderGrade, 1) });
  if (e.tmGrade !== undefined) facts.push({ label: t('fact-tm-grade'), value: formatNumber(e.tmGrade, 1) });
  return facts;
}

function factsOf(e: AlertEvent, o: DescribeOptions): Fact[] {
  const { t } = o;
  switch (e.kind) {
    case 'signal_flip':
      return flipFacts(e, o);
    case 'level_approach':
    case 'level_touch':
    case 'level_breakout':
      return levelFacts(e, o);
    case 'metric_cross': {
      const facts = [
        { label: metricLabel(e.metric, t), value: formatNumber(e.value) },
        { label: t('fact-threshold'), value: formatNumber(e.threshold) },
      ];
      if (e.previous !== undefined)
        facts.push({ label: t('fact-previous'), value: formatNumber(e.previous) });
      return facts;
    }
    case 'grade_change':
      return e.grade === undefined ? [] : [{ label: t('fact-tm-grade'), value: formatNumber(e.grade, 1) }];
    case 'price_alert': {
      // A user's alert is evaluated at the price's own time (`at`): stamped like every other price.
      const source = e.source === 'stream' ? t('fact-source-live') : polledSource(e, t);
      return priceAlertFacts(e, priceSeen(e.price, e.at, source, e.at, o), t, (ms) =>
        formatClock(ms, { ...o, ref: e.at }),
      );
    }
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

/** One event → its description, in `opts.t`'s language. Times are written in `opts.tz` (default UTC). */
export function describeAlert(e: AlertEvent, opts: DescribeOptions): AlertDescription {
  const facts = factsOf(e, opts);
  return {
    kind: e.kind,
    tokenId: e.tokenId,
    subject: e.symbol,
    name: e.name,
    headline: headlineOf(e, opts.t),
    icon: iconOf(e),
    tone: toneOf(e),
    facts: e.demo ? [...facts, demoFact(opts.t)] : facts,
    at: e.at,
    ...(e.demo ? { demo: true } : {}),
    ...(e.url !== undefined ? { link: e.url } : {}),
  };
}

/**
 * A digest (one message's events, highest priority first) → its description. A held digest gathers
 * events from different times, so each item gets its own `time`, written relative to `opts.now` (the
 * send/plan time: the date shows only when the day differs).
 */
export function describeDigest(
  events: readonly AlertEvent[],
  origin: 'tick' | 'held',
  options: DescribeOptions & { readonly now?: number },
): DigestDescription {
  // One formatter per zone for the whole digest, not one per time written.
  const opts = options.zones ? options : { ...options, zones: new Map() as ZoneCache };
  const symbols = [...new Set(events.map((e) => e.symbol))];
  const first = events[0];
  const count = opts.t('digest-count', { count: events.length });
  const summary =
    symbols.length === 1 && first ? `${first.symbol} (${first.name})` : `${count} · ${symbols.join(', ')}`;
  return {
    summary,
    count,
    ...(origin === 'held' ? { heldNote: opts.t('digest-held') } : {}),
    alerts: events.map((e) => {
      const d = describeAlert(e, opts);
      if (origin !== 'held') return d;
      const time = formatClock(e.at, opts.now === undefined ? opts : { ...opts, ref: opts.now });
      return { ...d, time };
    }),
  };
}

/**
 * The digest of an outbound message, in its destination's language and zone: what every renderer starts
 * from. The planner sets `locale`; a message queued before languages existed is English.
 */
export function describeMessage(
  m: {
    readonly events: readonly AlertEvent[];
    readonly origin: 'tick' | 'held';
    readonly createdAt: number;
    readonly tz?: string;
    readonly locale?: Locale;
  },
  zones?: ZoneCache,
): DigestDescription {
  const t = translatorFor(m.locale ?? 'en');
  const lang = m.locale === undefined ? {} : { locale: m.locale };
  // A sender's long-lived formatters (zones, month names) when it passes them: built once, not per message.
  const cache = zones === undefined ? {} : { zones };
  return describeDigest(
    m.events,
    m.origin,
    m.tz === undefined
      ? { now: m.createdAt, t, ...lang, ...cache }
      : { now: m.createdAt, tz: m.tz, t, ...lang, ...cache },
  );
}

/** Facts as one line of text: `Price $147.20 · Level $150.00 (resistance) · Distance 1.87%`. */
export function factLine(facts: readonly Fact[]): string {
  return facts.map((f) => `${f.label} ${f.value}`).join(' · ');
}
