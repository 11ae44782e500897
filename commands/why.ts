import { kindLabel, metricLabel } from '#src/delivery/describe.js';
import {
  type DestinationExplanation,
  explainDestination,
  readDestinationFacts,
  type SuppressionExplanation,
} from '#src/delivery/plan/index.js';
import {
  formatClock,
  formatDuration,
  formatNumber,
  formatPct,
  formatPrice,
  formatSignal,
  type ZoneCache,
} from '#src/domain/format.js';
import type { Destination, TokenInfo } from '#src/domain/types.js';
import {
  explainToken,
  type LevelExplanation,
  type ThresholdExplanation,
  type TokenExplanation,
  watchedMetrics,
} from '#src/engine/index.js';
import { argText } from './parse.js';
import { errorReply, infoReply, okReply } from './replies.js';
import { SYMBOL_OPTION } from './subscriptions.js';
import { dmDestination } from './target.js';
import { resolveToken } from './tokens.js';
import type { Command, CommandContext, CommandDeps } from './types.js';
import { priceAlertLines } from './why-alerts.js';

/**
 * /why: the engine's and the planner's explanations of one token for the place asked in
 * (`explainToken`, `explainDestination`), worded. Everything it says comes from those; this file only
 * formats. Times are written in the place's time zone (its quiet hours' zone, else UTC), like its alerts.
 */

/** Strong levels shown per side, and suppressions listed. */
const LEVELS_PER_SIDE = 2;
const SUPPRESSIONS_SHOWN = 5;

/** Writes an instant for this reply: `17:00 UTC` today, `Jan 16 13:00 UTC` another day. */
type Clock = (ms: number) => string;

/** The destination of the place the command was asked in: the DM, the Discord channel, the Telegram group. */
export function placeDestination(ctx: CommandContext): Destination {
  const p = ctx.place;
  if (p.kind === 'channel')
    return { platform: ctx.platform, kind: 'channel', id: p.channelId, parentId: p.parentId };
  if (p.kind === 'group')
    return { platform: ctx.platform, kind: 'group', id: p.chatId, parentId: p.parentId };
  return dmDestination(ctx);
}

function reasonText(x: SuppressionExplanation, at: Clock): string {
  const s = x.record;
  const until = x.until;
  switch (s.reason) {
    case 'cooldown':
      if (until !== undefined) return `cooldown until ${at(until)}`;
      if (x.cooldowns.length > 1) {
        const each = x.cooldowns.map((c) => `${at(c.until)} (${kindLabel(c.kind, c.detail, 'short')})`);
        return `cooldown until ${each.join(' or ')}`;
      }
      return 'cooldown (since ended)';
    case 'quiet_hours':
      return until !== undefined ? `held for quiet hours until ${at(until)}` : 'held for quiet hours';
    case 'muted':
      return until !== undefined ? `held while muted until ${at(until)}` : 'held while muted';
    case 'muted_dropped':
      return 'dropped while muted (mute mode drop)';
    case 'token_muted':
      return until !== undefined ? `token muted until ${at(until)}` : 'token muted';
    case 'rate_cap':
      return until !== undefined ? `held by the hourly cap until ${at(until)}` : 'held by the hourly cap';
    case 'inhibited':
      return `inhibited by ${s.by ? kindLabel(s.by) : 'a stronger alert'}`;
    case 'below_minstrength':
      return 'below minstrength';
    case 'dedup':
      return 'already sent (duplicate)';
    default:
      return s.reason;
  }
}

/** One suppression as a person reads it: "14:02 UTC touch: cooldown until 14:05 UTC". */
function suppressionText(x: SuppressionExplanation, at: Clock): string {
  return `${at(x.record.at)} ${kindLabel(x.record.kind, x.detail)}: ${reasonText(x, at)}`;
}

/** Phase of a level for this place's proximity, as words, with what re-arms it. */
function levelStateText(l: LevelExplanation, pct: number, at: Clock): string {
  const ph = l.phase;
  if (!ph) return `not tracked yet at ${formatNumber(pct, 2)}% (from the next profile scan)`;
  const rearm =
    l.rearmPct === undefined
      ? ''
      : `re-arms once price is over ${formatNumber(l.rearmPct, 2)}% away (now ${formatNumber(l.awayPct, 2)}%)`;
  const pending = ph.x === undefined ? '' : `; breakout pending since ${at(ph.x)}`;
  switch (ph.p) {
    case 'far':
      return `${l.inBand ? 'armed, inside the band' : 'far (armed)'}${pending}`;
    case 'near':
      return `approaching (since ${at(ph.since)})${pending}; ${rearm}`;
    case 'touch':
      return `touched (since ${at(ph.since)})${pending}; ${rearm}`;
    case 'broken':
      return `broken (${at(ph.since)}), re-arming: ${rearm}`;
  }
}

function levelLines(t: TokenExplanation, at: Clock): string[] {
  const pct = t.profile?.pct ?? 0;
  if (t.levels.length === 0 || t.price === undefined) return ['Levels: none known yet.'];
  const pick = (side: LevelExplanation['side']) =>
    t.levels.filter((l) => l.strong && l.side === side).slice(0, LEVELS_PER_SIDE);
  const lines = [`Levels (proximity ${formatNumber(pct, 2)}%, minstrength ${t.minStrength}):`];
  for (const l of [...pick('resistance'), ...pick('support')]) {
    lines.push(
      `  ${l.side === 'resistance' ? 'R' : 'S'} ${formatPrice(l.level)} ${formatPct(l.distancePct, true)} (${l.inBand ? 'inside' : 'outside'} the band) · strength ${formatNumber(l.strength, 0)} · ${levelStateText(l, pct, at)}`,
    );
  }
  if (lines.length === 1) lines.push(`  no level is at least ${t.minStrength} strong`);
  for (const l of t.levels.filter((x) => !x.strong && x.inBand)) {
    lines.push(
      `  ${formatPrice(l.level)} is within the band but strength ${formatNumber(l.strength, 0)} is below minstrength ${t.minStrength}`,
    );
  }
  return lines;
}

function thresholdLine(x: ThresholdExplanation): string {
  const name = metricLabel(x.metric);
  if (x.value === undefined) return `${name}: no data yet`;
  const t = formatNumber(x.threshold);
  const where = x.side ? `${x.side.side} threshold ${t}` : `threshold ${t} not tracked yet`;
  return `${name}: ${formatNumber(x.value, 2)}, ${where}; alerts on crossing ${formatNumber(x.up, 2)} up or ${formatNumber(x.down, 2)} down`;
}

function signalLines(t: TokenExplanation): string[] {
  const d = t.daily;
  const h = t.hourly;
  return [
    d ? `Daily signal: ${formatSignal(d.signal)} (${d.date.slice(0, 10)})` : 'Daily signal: none yet',
    h ? `Hourly signal: ${formatSignal(h.signal)} (${h.timestamp.slice(0, 16)})` : 'Hourly signal: none yet',
    ...t.thresholds.map(thresholdLine),
  ];
}

function settingsLines(x: DestinationExplanation, at: Clock): string[] {
  const lines: string[] = [];
  const held = x.hold?.reason === 'muted' && x.hold.until > (x.mute?.until ?? 0) ? x.hold.until : undefined;
  if (x.mute) {
    const what = x.mute.mode === 'drop' ? 'alerts dropped' : `alerts held${held ? ` until ${at(held)}` : ''}`;
    lines.push(`Muted until ${at(x.mute.until)} (${what})`);
  } else lines.push('Mute: off');
  if (x.tokenMutedUntil !== undefined) lines.push(`This token is muted until ${at(x.tokenMutedUntil)}`);
  const q = x.quietHours;
  if (q) {
    const open = q.openUntil === undefined ? '' : `: now, alerts held until ${at(q.openUntil)}`;
    lines.push(`Quiet hours ${q.hours.start}-${q.hours.end} ${q.hours.tz}${open}`);
  } else lines.push('Quiet hours: none');
  const running = x.cooldowns.map((c) => `${kindLabel(c.kind, c.detail, 'short')} until ${at(c.until)}`);
  lines.push(
    `Cooldown ${formatDuration(x.cooldownMs)} per kind: ${running.length > 0 ? running.join(', ') : 'none running'}`,
  );
  const capped = x.hold?.reason === 'rate_cap' ? `; alerts held until ${at(x.hold.until)}` : '';
  lines.push(`Hourly cap: ${x.cap.sent} of ${x.cap.limit} sent this hour${capped}`);
  return lines;
}

function followLines(x: DestinationExplanation, token: TokenInfo): string {
  if (!x.followed) {
    return `Not followed here, so no ${token.symbol} alerts come here. Add them with /subscribe ${token.symbol}.`;
  }
  const not = x.notFollowed.length > 0 ? `; not for ${x.notFollowed.join(', ')}` : '';
  return `Followed here for: ${x.followed.join(', ')}${not}`;
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
  const [state, sourceLine] = await Promise.all([
    deps.market.state?.(token.tokenId),
    priceSourceLine(token.tokenId, deps),
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
  const price = t?.price;
  const lines = [
    price
      ? `Price ${formatPrice(price.value)} from ${price.source ?? deps.market.priceSource ?? 'the market feed'}, ${formatDuration(now - price.at)} old`
      : 'Price: not seen yet (nobody follows this token, or the first tick has not run)',
  ];
  if (sourceLine) lines.push(sourceLine);
  lines.push(followLines(x, token));
  if (t) lines.push(...levelLines(t, at), ...signalLines(t));
  lines.push(...(await priceAlertLines(d, token, state, deps, now)));
  lines.push(...settingsLines(x, at));
  if (x.suppressions.length === 0) lines.push('Recent suppressions: none');
  else lines.push('Recent suppressions:', ...x.suppressions.map((s) => `  ${suppressionText(s, at)}`));
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
