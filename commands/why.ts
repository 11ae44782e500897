import {
  cooldownKey,
  counterKey,
  effectiveSettings,
  hourWindow,
  quietUntil,
  scopesOf,
} from '#src/delivery/plan/index.js';
import {
  formatDuration,
  formatNumber,
  formatPct,
  formatPrice,
  formatSignal,
  formatTime,
} from '#src/domain/format.js';
import {
  type Destination,
  destinationKey,
  type EffectiveSettings,
  type TokenInfo,
} from '#src/domain/types.js';
import { rearmDistance } from '#src/engine/index.js';
import { DETECT_DEFAULTS, type LevelState, metricKey, numKey, type TokenState } from '#src/engine/types.js';
import type { StoredSuppression } from '#src/store/ports.js';
import { argText } from './parse.js';
import { errorReply, infoReply, okReply } from './replies.js';
import { SYMBOL_OPTION } from './subscriptions.js';
import { dmDestination } from './target.js';
import { resolveToken } from './tokens.js';
import type { Command, CommandContext, CommandDeps } from './types.js';

/** Strong levels shown per side, and suppressions listed. */
const LEVELS_PER_SIDE = 2;
const SUPPRESSIONS_SHOWN = 5;

/** Cooldown classes /why reports (planner `cooldownClass`), with how people call them. */
const COOLDOWN_CLASSES: ReadonlyArray<readonly [string, string]> = [
  ['flip_daily', 'daily signal'],
  ['flip_hourly', 'hourly signal'],
  ['level_approach', 'approach'],
  ['level_touch', 'touch'],
  ['level_breakout', 'breakout'],
  ['cross_SHARPE', 'Sharpe'],
  ['grade_change', 'grade'],
];

const KIND_LABEL: Readonly<Record<string, string>> = {
  signal_flip: 'signal flip',
  level_approach: 'approach',
  level_touch: 'touch',
  level_breakout: 'breakout',
  metric_cross: 'Sharpe crossing',
  grade_change: 'grade change',
  price_alert: 'your price alert',
};

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** The destination of the place the command was asked in: the DM, the Discord channel, the Telegram group. */
export function placeDestination(ctx: CommandContext): Destination {
  const p = ctx.place;
  if (p.kind === 'channel')
    return { platform: ctx.platform, kind: 'channel', id: p.channelId, parentId: p.parentId };
  if (p.kind === 'group')
    return { platform: ctx.platform, kind: 'group', id: p.chatId, parentId: p.parentId };
  return dmDestination(ctx);
}

/** One suppression as a person reads it: "14:02 touch: cooldown until 14:05". */
export function suppressionText(s: StoredSuppression, cooldownUntil?: number): string {
  const until = s.until ?? cooldownUntil;
  const reason = (() => {
    switch (s.reason) {
      case 'cooldown':
        return until !== undefined ? `cooldown until ${hhmm(until)}` : 'cooldown (since ended)';
      case 'quiet_hours':
        return until !== undefined ? `held for quiet hours until ${hhmm(until)}` : 'held for quiet hours';
      case 'muted':
        return until !== undefined ? `held while muted until ${hhmm(until)}` : 'held while muted';
      case 'muted_dropped':
        return 'dropped while muted (mute mode drop)';
      case 'token_muted':
        return until !== undefined ? `token muted until ${formatTime(until)}` : 'token muted';
      case 'rate_cap':
        return until !== undefined ? `held by the hourly cap until ${hhmm(until)}` : 'held by the hourly cap';
      case 'inhibited':
        return `inhibited by ${KIND_LABEL[s.by ?? ''] ?? 'a stronger alert'}`;
      case 'below_minstrength':
        return 'below minstrength';
      case 'dedup':
        return 'already sent (duplicate)';
      default:
        return s.reason;
    }
  })();
  return `${formatTime(s.at)} ${KIND_LABEL[s.kind] ?? s.kind}: ${reason}`;
}

/** Phase of a level for this destination's proximity, as words, with what re-arms it. */
export function levelStateText(l: LevelState, price: number, pct: number): string {
  const ph = l.phases[numKey(pct)];
  if (!ph) return `not tracked yet at ${formatNumber(pct, 2)}% (from the next profile scan)`;
  const rearm = rearmDistance(pct, DETECT_DEFAULTS.rearmFactor, DETECT_DEFAULTS.breakoutPct);
  const away = (Math.abs(price - l.level) / l.level) * 100;
  const rearmNote = `re-arms once price is over ${formatNumber(rearm, 2)}% away (now ${formatNumber(away, 2)}%)`;
  switch (ph.p) {
    case 'far':
      return away <= pct ? 'armed, inside the band' : 'far (armed)';
    case 'near':
      return `approaching (alerted ${formatTime(ph.since)}); ${rearmNote}`;
    case 'touch':
      return `touched (${formatTime(ph.since)}); ${rearmNote}`;
    case 'broken':
      return `broken (${formatTime(ph.since)}), re-arming: ${rearmNote}`;
  }
}

function levelLines(state: TokenState, eff: EffectiveSettings): string[] {
  const price = state.price?.value;
  const items = state.levels?.items ?? [];
  if (price === undefined || items.length === 0) return ['Levels: none known yet.'];
  const dist = (l: LevelState) => ((l.level - price) / price) * 100;
  const strong = items.filter((l) => l.strength >= eff.minStrength);
  const weakNear = items.filter((l) => l.strength < eff.minStrength && Math.abs(dist(l)) <= eff.proximityPct);
  const pick = (above: boolean) =>
    strong
      .filter((l) => (above ? l.level >= price : l.level < price))
      .sort((a, b) => Math.abs(dist(a)) - Math.abs(dist(b)))
      .slice(0, LEVELS_PER_SIDE);
  const lines = [`Levels (proximity ${formatNumber(eff.proximityPct, 2)}%, minstrength ${eff.minStrength}):`];
  for (const l of [...pick(true), ...pick(false)]) {
    const d = dist(l);
    const inBand = Math.abs(d) <= eff.proximityPct ? 'inside' : 'outside';
    lines.push(
      `  ${l.level >= price ? 'R' : 'S'} ${formatPrice(l.level)} ${formatPct(d, true)} (${inBand} the band) · strength ${formatNumber(l.strength, 0)} · ${levelStateText(l, price, eff.proximityPct)}`,
    );
  }
  if (lines.length === 1) lines.push(`  no level is at least ${eff.minStrength} strong`);
  for (const l of weakNear) {
    lines.push(
      `  ${formatPrice(l.level)} is within the band but strength ${formatNumber(l.strength, 0)} is below minstrength ${eff.minStrength}`,
    );
  }
  return lines;
}

function signalAndSharpe(state: TokenState, eff: EffectiveSettings): string[] {
  const lines: string[] = [];
  const d = state.daily;
  lines.push(
    d ? `Daily signal: ${formatSignal(d.signal)} (${d.date.slice(0, 10)})` : 'Daily signal: none yet',
  );
  const h = state.hourly;
  lines.push(
    h ? `Hourly signal: ${formatSignal(h.signal)} (${h.timestamp.slice(0, 16)})` : 'Hourly signal: none yet',
  );
  const sharpe = state.metrics?.values.SHARPE;
  const t = eff.sharpeThreshold;
  const band = DETECT_DEFAULTS.hysteresis;
  if (sharpe === undefined) lines.push('Sharpe: no data yet');
  else {
    const side = state.sides?.[metricKey('SHARPE', t)]?.side;
    const where = side ? `${side} threshold ${t}` : `threshold ${t} not tracked yet`;
    lines.push(
      `Sharpe: ${formatNumber(sharpe, 2)}, ${where}; alerts on crossing ${formatNumber(t + band, 2)} up or ${formatNumber(t - band, 2)} down`,
    );
  }
  return lines;
}

async function settingsLines(
  d: Destination,
  eff: EffectiveSettings,
  tokenId: number,
  deps: CommandDeps,
  now: number,
) {
  const lines: string[] = [];
  if (eff.mutedUntil !== null && eff.mutedUntil > now) {
    lines.push(
      `Muted until ${formatTime(eff.mutedUntil)} (${eff.muteMode === 'hold' ? 'alerts held' : 'alerts dropped'})`,
    );
  } else lines.push('Mute: off');
  const tokenMute = eff.tokenMutes?.[String(tokenId)];
  if (tokenMute !== undefined && tokenMute > now)
    lines.push(`This token is muted until ${formatTime(tokenMute)}`);
  const q = eff.quietHours;
  if (q) {
    const until = quietUntil(q, now);
    lines.push(
      `Quiet hours ${q.start}-${q.end} ${q.tz}${until ? `: now, alerts held until ${hhmm(until)} UTC` : ''}`,
    );
  } else lines.push('Quiet hours: none');
  const destKey = destinationKey(d);
  const keys = COOLDOWN_CLASSES.map(([c]) => cooldownKey(destKey, tokenId, c));
  const [expiries, counts] = await Promise.all([
    deps.store.marks?.expiries(keys, now) ?? new Map<string, number>(),
    deps.store.counters?.get([counterKey(destKey)], hourWindow(now)) ?? new Map<string, number>(),
  ]);
  const active = COOLDOWN_CLASSES.flatMap(([, label], i) => {
    const until = expiries.get(keys[i] ?? '');
    return until !== undefined ? [`${label} until ${hhmm(until)} UTC`] : [];
  });
  lines.push(
    `Cooldown ${formatDuration(eff.cooldownSec * 1000)} per kind: ${active.length > 0 ? active.join(', ') : 'none running'}`,
  );
  lines.push(`Hourly cap: ${counts.get(counterKey(destKey)) ?? 0} of ${eff.maxPerHour} sent this hour`);
  return { lines, expiries: new Map(COOLDOWN_CLASSES.map(([c], i) => [c, expiries.get(keys[i] ?? '')])) };
}

function cooldownClassOfKind(kind: string): string {
  return kind === 'metric_cross' ? 'cross_SHARPE' : kind;
}

/**
 * The price's live source, or why the token has none: the same note /levels shows (an exchange refuses
 * this server, a pair's price disagreed and with what, no pair, forbidden), on any replica.
 */
async function priceSourceLine(tokenId: number, deps: CommandDeps): Promise<string | undefined> {
  const src = (await deps.market.view(tokenId))?.priceSource;
  if (src?.note) return src.note;
  if (!src || src.label === (deps.market.priceSource ?? 'Token Metrics')) return undefined;
  return `Streamed from ${src.label}, ${formatDuration(src.ageMs)} old`;
}

async function whyLines(d: Destination, token: TokenInfo, deps: CommandDeps, now: number): Promise<string[]> {
  const [subs, stored, state, sourceLine] = await Promise.all([
    deps.store.subscriptions.list(d),
    deps.store.settings.getMany(scopesOf(d)),
    deps.market.state?.(token.tokenId),
    priceSourceLine(token.tokenId, deps),
  ]);
  const sub = subs.find((s) => s.tokenId === token.tokenId);
  const eff = effectiveSettings(d, stored);
  const lines: string[] = [];
  if (state?.price) {
    lines.push(
      `Price ${formatPrice(state.price.value)} from ${deps.market.priceSource ?? 'the market feed'}, ${formatDuration(now - state.price.at)} old`,
    );
  } else lines.push('Price: not seen yet (nobody follows this token, or the first tick has not run)');
  if (sourceLine) lines.push(sourceLine);
  if (!sub) {
    lines.push(
      `Not followed here, so no ${token.symbol} alerts come here. Add them with /subscribe ${token.symbol}.`,
    );
  } else lines.push(`Followed here for: ${sub.types.join(', ')}`);
  if (state) lines.push(...levelLines(state, eff), ...signalAndSharpe(state, eff));
  const s = await settingsLines(d, eff, token.tokenId, deps, now);
  lines.push(...s.lines);
  const recent = (await deps.store.suppressions?.recent(d, token.tokenId, SUPPRESSIONS_SHOWN, now)) ?? [];
  if (recent.length === 0) lines.push('Recent suppressions: none');
  else {
    lines.push('Recent suppressions:');
    for (const r of recent) {
      // Flips split by timeframe and price alerts have no planner cooldown: no expiry to show.
      const cls =
        r.kind === 'signal_flip' || r.kind === 'price_alert' ? undefined : cooldownClassOfKind(r.kind);
      lines.push(`  ${suppressionText(r, cls ? s.expiries.get(cls) : undefined)}`);
    }
  }
  return lines;
}

const why: Command = {
  name: 'why',
  description: 'Why an alert came or did not: price, levels, signals, your settings and recent suppressions',
  usage: '/why SOL',
  access: 'everyone',
  options: [SYMBOL_OPTION],
  async run(ctx, args, deps) {
    if (argText(args.symbol) === undefined) return errorReply('Which token? For example: /why SOL');
    const tok = await resolveToken(argText(args.symbol), deps);
    if (!tok.ok) return tok.reply;
    const d = placeDestination(ctx);
    const lines = await whyLines(d, tok.token, deps, ctx.now);
    const here = d.kind === 'dm' ? 'your DMs' : d.kind === 'group' ? 'this group' : 'this channel';
    return lines.length > 0
      ? okReply(lines, `Why: ${tok.token.symbol} in ${here}`)
      : infoReply(['Nothing known yet.']);
  },
};

export const whyCommand = why;
