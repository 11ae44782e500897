/**
 * Languages (issue 22): what wording an alert in a reader's language costs.
 * - render time of a three-event held digest in a Berlin DM (Telegram HTML, Discord embeds) in es, pt-BR
 *   and ru, as a ratio to English in the same run (target ≤ 2: translations are up to a third longer to
 *   escape and split, and their month names come from Intl where English has a table);
 * - 10,000 DMs of one level alert, a quarter in each language: render CPU in all (target ≤ 1,000 ms) and
 *   its ratio to the same 10,000 in English (target ≤ 1.5);
 * - loading the four catalogs (first use in a process), for context.
 */
import { performance } from 'node:perf_hooks';
import type { OutboundMessage } from '#src/delivery/ports.js';
import type { ZoneCache } from '#src/domain/format.js';
import type { AlertEvent, LevelEvent, SignalFlipEvent } from '#src/domain/types.js';
import { Catalog, readCatalogSources } from '#src/i18n/catalog.js';
import { LOCALES, type Locale } from '#src/i18n/locales.js';
import { renderAlert as discordAlert } from '#src/platforms/discord/render.js';
import { MESSAGE_LIMIT } from '#src/platforms/telegram/html.js';
import { renderAlert as telegramAlert } from '#src/platforms/telegram/render.js';
import { createVerdicts, describeTarget, type Target } from './verdict.js';

const NOW = Date.UTC(2026, 10, 28, 12, 0);
const v = createVerdicts('languages');
const rows: Array<Record<string, string | number>> = [];
const info = (metric: string, value: string | number) =>
  rows.push({ metric, value, target: '-', verdict: '' });
const check = (metric: string, value: number, target: Target, format: (x: number) => string) =>
  rows.push({
    metric,
    value: format(value),
    target: describeTarget(target),
    verdict: v.check(metric, value, target),
  });

// Catalog load: the four languages' files read and parsed once per process.
const t0 = performance.now();
new Catalog(readCatalogSources());
info('load 4 catalogs, ms', (performance.now() - t0).toFixed(1));

const level: LevelEvent = {
  id: 'e1',
  kind: 'level_approach',
  tokenId: 11,
  symbol: 'SOL',
  name: 'Solana',
  at: NOW,
  priority: 1,
  level: 150,
  side: 'resistance',
  direction: 'up',
  price: 147.2,
  priceAt: NOW - 20_000,
  priceSource: 'Binance SOL/USDT',
  distancePct: 1.8667,
  strength: 82,
  proximityPct: 2,
  beyond: { level: 162.4, strength: 70 },
  behind: { level: 139.8, strength: 64 },
};
const flip: SignalFlipEvent = {
  id: 'e2',
  kind: 'signal_flip',
  tokenId: 3375,
  symbol: 'BTC',
  name: 'Bitcoin',
  at: NOW - 3_600_000,
  priority: 2,
  timeframe: 'daily',
  from: -1,
  to: 1,
  price: 64_210.5,
  priceAt: NOW - 3_600_000,
  signalTime: '2026-11-28',
  tmGrade: 74.2,
  traderGrade: 68.1,
};
const breakout: LevelEvent = { ...level, id: 'e3', kind: 'level_breakout', price: 151.2, distancePct: -0.8 };
const events: AlertEvent[] = [breakout, level, flip];

const message = (evs: AlertEvent[], locale: Locale, i = 0): OutboundMessage => ({
  id: `m${i}`,
  destination: { platform: 'telegram', kind: 'dm', id: String(1000 + i) },
  events: evs,
  createdAt: NOW,
  origin: 'held',
  tz: 'Europe/Berlin',
  ...(locale === 'en' ? {} : { locale }),
});

/** µs per call, the median of 7 runs of `n` calls each (after a warm-up). */
function perCall(fn: () => unknown, n = 4000): number {
  for (let i = 0; i < n; i++) fn();
  const runs: number[] = [];
  for (let r = 0; r < 7; r++) {
    const s = performance.now();
    for (let i = 0; i < n; i++) fn();
    runs.push(((performance.now() - s) * 1000) / n);
  }
  return runs.sort((a, b) => a - b)[3] ?? Number.NaN;
}

// Each sender keeps its formatters (zones, month names) for its life, as the running bot does.
const zones: ZoneCache = new Map();
for (const [platform, render] of [
  ['telegram', (m: OutboundMessage) => telegramAlert(m, MESSAGE_LIMIT, zones)],
  ['discord', (m: OutboundMessage) => discordAlert(m, undefined, zones)],
] as const) {
  // Every language measured, then English again: the baseline is English's better run (JIT warm-up
  // would otherwise flatter whatever runs second).
  const first = perCall(() => render(message(events, 'en')));
  const costs = LOCALES.filter((l) => l !== 'en').map(
    (locale) => [locale, perCall(() => render(message(events, locale)))] as const,
  );
  const base = Math.min(
    first,
    perCall(() => render(message(events, 'en'))),
  );
  info(`${platform} digest of 3, en, µs`, base.toFixed(1));
  for (const [locale, cost] of costs) {
    check(`${platform} digest of 3, ${locale} ÷ en`, cost / base, { atMost: 2 }, (x) => x.toFixed(2));
  }
}

// 10,000 DMs of one alert: each message rendered once, as the outbox does at send time.
function fanout(localeOf: (i: number) => Locale): number {
  const msgs = Array.from({ length: 10_000 }, (_, i) => message([level], localeOf(i), i));
  const s = process.cpuUsage();
  for (const m of msgs) telegramAlert(m, MESSAGE_LIMIT, zones);
  const used = process.cpuUsage(s);
  return (used.user + used.system) / 1000;
}
fanout(() => 'en'); // warm-up
const english = Math.min(
  fanout(() => 'en'),
  fanout(() => 'en'),
);
const mixed = Math.min(...[0, 1].map(() => fanout((i) => LOCALES[i % LOCALES.length] ?? 'en')));
info('10,000 DMs in English, render CPU ms', english.toFixed(0));
check('10,000 DMs in 4 languages, render CPU ms', mixed, { atMost: 1000 }, (x) => x.toFixed(0));
check('10,000 DMs, 4 languages ÷ English', mixed / english, { atMost: 1.5 }, (x) => x.toFixed(2));

console.table(rows);
v.finish();
