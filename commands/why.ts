import { metricLabel } from '#src/delivery/describe.js';
import {
  type DestinationExplanation,
  explainDestination,
  readDestinationFacts,
} from '#src/delivery/plan/index.js';
import {
  formatClock,
  formatDuration,
  formatNumber,
  formatPct,
  formatPrice,
  type ZoneCache,
} from '#src/domain/format.js';
import { liveNoteText } from '#src/domain/live-note.js';
import type { Destination, TokenInfo } from '#src/domain/types.js';
import {
  explainToken,
  type LevelExplanation,
  type ThresholdExplanation,
  type TokenExplanation,
  watchedMetrics,
} from '#src/engine/index.js';
import type { Translate } from '#src/i18n/catalog.js';
import { argText } from './parse.js';
import { errorReply, infoReply, okReply } from './replies.js';
import { SYMBOL_OPTION } from './subscriptions.js';
import { dmDestination } from './target.js';
import { resolveToken } from './tokens.js';
import { kindText, signalWord } from './trader-text.js';
import type { Command, CommandContext, CommandDeps } from './types.js';
import { priceAlertLines } from './why-alerts.js';
import { type Clock, suppressionText, type Words } from './why-words.js';

/**
 * /why: the engine's and the planner's explanations of one token for the place asked in
 * (`explainToken`, `explainDestination`), worded. Everything it says comes from those; this file only
 * formats. Times are written in the place's time zone (its quiet hours' zone, else UTC), like its alerts.
 */

/** Strong levels shown per side, and suppressions listed. */
const LEVELS_PER_SIDE = 2;
const SUPPRESSIONS_SHOWN = 5;

/** The destination of the place the command was asked in: the DM, the Discord channel, the Telegram group. */
export function placeDestination(ctx: CommandContext): Destination {
  const p = ctx.place;
  if (p.kind === 'channel')
    return { platform: ctx.platform, kind: 'channel', id: p.channelId, parentId: p.parentId };
  if (p.kind === 'group')
    return { platform: ctx.platform, kind: 'group', id: p.chatId, parentId: p.parentId };
  return dmDestination(ctx);
}

/** Phase of a level for this place's proximity, as words, with what re-arms it. */
function levelStateText(l: LevelExplanation, pct: number, { t, at }: Words): string {
  const ph = l.phase;
  if (!ph) return t('why-level-untracked', { pct: formatNumber(pct, 2) });
  const rearm =
    l.rearmPct === undefined
      ? ''
      : t('why-level-rearm', { pct: formatNumber(l.rearmPct, 2), now: formatNumber(l.awayPct, 2) });
  const pending = ph.x === undefined ? '' : `; ${t('why-level-pending', { time: at(ph.x) })}`;
  switch (ph.p) {
    case 'far':
      return `${t(l.inBand ? 'why-level-armed-inside' : 'why-level-far')}${pending}`;
    case 'near':
      return `${t('why-level-approaching', { time: at(ph.since) })}${pending}; ${rearm}`;
    case 'touch':
      return `${t('why-level-touched', { time: at(ph.since) })}${pending}; ${rearm}`;
    case 'broken':
      return `${t('why-level-broken', { time: at(ph.since) })}: ${rearm}`;
  }
}

function levelLines(x: TokenExplanation, w: Words): string[] {
  const { t } = w;
  const pct = x.profile?.pct ?? 0;
  if (x.levels.length === 0 || x.price === undefined) return [t('why-levels-none')];
  const pick = (side: LevelExplanation['side']) =>
    x.levels.filter((l) => l.strong && l.side === side).slice(0, LEVELS_PER_SIDE);
  const min = String(x.minStrength);
  const lines = [t('why-levels-head', { pct: formatNumber(pct, 2), min })];
  for (const l of [...pick('resistance'), ...pick('support')]) {
    const row = t(l.inBand ? 'why-level-row-inside' : 'why-level-row-outside', {
      side: t(l.side === 'resistance' ? 'why-level-r' : 'why-level-s'),
      price: formatPrice(l.level),
      pct: formatPct(l.distancePct, true),
      strength: formatNumber(l.strength, 0),
    });
    lines.push(`  ${row} · ${levelStateText(l, pct, w)}`);
  }
  if (lines.length === 1) lines.push(`  ${t('why-levels-none-strong', { min })}`);
  for (const l of x.levels.filter((y) => !y.strong && y.inBand)) {
    const strength = formatNumber(l.strength, 0);
    lines.push(`  ${t('why-level-weak', { price: formatPrice(l.level), strength, min })}`);
  }
  return lines;
}

function thresholdLine(x: ThresholdExplanation, t: Translate): string {
  const name = metricLabel(x.metric, t);
  if (x.value === undefined) return t('why-threshold-no-data', { name });
  const threshold = formatNumber(x.threshold);
  const where = x.side
    ? t('why-threshold-side', { side: x.side.side, threshold })
    : t('why-threshold-untracked', { threshold });
  const [up, down] = [formatNumber(x.up, 2), formatNumber(x.down, 2)];
  return t('why-threshold', { name, value: formatNumber(x.value, 2), where, up, down });
}

function signalLines(x: TokenExplanation, t: Translate): string[] {
  const d = x.daily;
  const h = x.hourly;
  return [
    d
      ? t('why-daily-signal', { signal: signalWord(t, d.signal), date: d.date.slice(0, 10) })
      : t('why-daily-signal-none'),
    h
      ? t('why-hourly-signal', { signal: signalWord(t, h.signal), time: h.timestamp.slice(0, 16) })
      : t('why-hourly-signal-none'),
    ...x.thresholds.map((y) => thresholdLine(y, t)),
  ];
}

function muteLines(x: DestinationExplanation, { t, at }: Words): string[] {
  const lines: string[] = [];
  const held = x.hold?.reason === 'muted' && x.hold.until > (x.mute?.until ?? 0) ? x.hold.until : undefined;
  if (x.mute) {
    const what =
      x.mute.mode === 'drop'
        ? t('why-mute-dropped')
        : held
          ? t('why-mute-held-until', { time: at(held) })
          : t('why-mute-held');
    lines.push(t('why-muted-until', { time: at(x.mute.until), what }));
  } else lines.push(t('why-mute-off'));
  if (x.tokenMutedUntil !== undefined) lines.push(t('why-token-muted', { time: at(x.tokenMutedUntil) }));
  return lines;
}

function settingsLines(x: DestinationExplanation, w: Words): string[] {
  const { t, at } = w;
  const lines = muteLines(x, w);
  const q = x.quietHours;
  if (q) {
    const hours = `${q.hours.start}-${q.hours.end} ${q.hours.tz}`;
    lines.push(
      q.openUntil === undefined
        ? t('why-quiet', { hours })
        : t('why-quiet-open', { hours, time: at(q.openUntil) }),
    );
  } else lines.push(t('why-quiet-none'));
  const running = x.cooldowns.map((c) =>
    t('why-cooldown-running', { kind: kindText(t, c.kind, c.detail, 'short'), time: at(c.until) }),
  );
  const list = running.length > 0 ? running.join(', ') : t('why-cooldown-none');
  lines.push(t('why-cooldown', { duration: formatDuration(x.cooldownMs), list }));
  const cap = { sent: x.cap.sent, limit: x.cap.limit };
  lines.push(
    x.hold?.reason === 'rate_cap' ? t('why-cap-held', { ...cap, time: at(x.hold.until) }) : t('why-cap', cap),
  );
  return lines;
}

function followLines(x: DestinationExplanation, token: TokenInfo, t: Translate): string {
  if (!x.followed) return t('why-not-followed', { symbol: token.symbol });
  const types = x.followed.join(', ');
  return x.notFollowed.length > 0
    ? t('why-followed-except', { types, others: x.notFollowed.join(', ') })
    : t('why-followed', { types });
}

/**
 * The price's live source, or why the token has none: the same note /levels shows (an exchange refuses
 * this server, a pair's price disagreed and with what, no pair, forbidden), on any replica.
 */
async function priceSourceLine(
  tokenId: number,
  deps: CommandDeps,
  t: Translate,
): Promise<string | undefined> {
  const src = (await deps.market.view(tokenId))?.priceSource;
  if (src?.note) return liveNoteText(src.note, t);
  if (!src || src.label === (deps.market.priceSource ?? 'Token Metrics')) return undefined;
  return t('why-streamed', { source: src.label, age: formatDuration(src.ageMs) });
}

async function whyLines(
  d: Destination,
  token: TokenInfo,
  deps: CommandDeps,
  now: number,
  tr: Translate,
): Promise<string[]> {
  const [state, sourceLine] = await Promise.all([
    deps.market.state?.(token.tokenId),
    priceSourceLine(token.tokenId, deps, tr),
  ]);
  // The engine's metrics pick the cooldowns read; the destination's settings, the profile explained.
  const facts = await readDestinationFacts(deps.store, {
    destination: d,
    tokenId: token.tokenId,
    metrics: watchedMetrics(state),
    suppressions: SUPPRESSIONS_SHOWN,
    now,
  });
  const x = explainDestination(facts);
  const eff = x.settings;
  const t = state
    ? explainToken(state, {
        proximityPcts: [eff.proximityPct],
        sharpeThresholds: [eff.sharpeThreshold],
        minStrength: eff.minStrength,
      })
    : undefined;
  const zones: ZoneCache = new Map();
  const tz = eff.quietHours?.tz;
  const at: Clock = (ms) => formatClock(ms, tz === undefined ? { ref: now, zones } : { tz, ref: now, zones });
  const w: Words = { t: tr, at };
  const price = t?.price;
  const lines = [
    price
      ? tr('why-price', {
          price: formatPrice(price.value),
          source: price.source ?? deps.market.priceSource ?? tr('why-market-feed'),
          age: formatDuration(now - price.at),
        })
      : tr('why-price-unseen'),
  ];
  if (sourceLine) lines.push(sourceLine);
  lines.push(followLines(x, token, tr));
  if (t) lines.push(...levelLines(t, w), ...signalLines(t, tr));
  lines.push(...(await priceAlertLines(d, token, state, deps, now, tr)));
  lines.push(...settingsLines(x, w));
  if (x.suppressions.length === 0) lines.push(tr('why-suppressions-none'));
  else lines.push(tr('why-suppressions'), ...x.suppressions.map((s) => `  ${suppressionText(s, w)}`));
  return lines;
}

const why: Command = {
  name: 'why',
  description:
    'Why an alert came or did not: price, levels, signals, your price alerts, settings, suppressions',
  usage: '/why SOL',
  access: 'everyone',
  options: [SYMBOL_OPTION],
  async run(ctx, args, deps) {
    const { t } = ctx;
    if (argText(args.symbol) === undefined) return errorReply(t('why-which-token'));
    const tok = await resolveToken(argText(args.symbol), deps, ctx.t);
    if (!tok.ok) return tok.reply;
    const d = placeDestination(ctx);
    const lines = await whyLines(d, tok.token, deps, ctx.now, t);
    const title = t('why-title', { symbol: tok.token.symbol, place: d.kind });
    return lines.length > 0 ? okReply(lines, title) : infoReply([t('why-nothing')]);
  },
};

export const whyCommand = why;
