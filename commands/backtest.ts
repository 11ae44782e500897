import { formatClock, formatNumber, formatPct, formatPrice, formatSignal } from '#src/domain/format.js';
import { describeParts } from '#src/domain/price-alerts.js';
import type { Condition, SignalValue, TokenInfo } from '#src/domain/types.js';
import {
  type BacktestFiring,
  type BacktestResult,
  type BacktestSignals,
  backtest,
  isReplayable,
  meanOf,
  type SignalTimeline,
} from '#src/engine/backtest.js';
import { factsOf, type MarketFacts } from '#src/engine/rules/conditions.js';
import { argText } from './parse.js';
import { type ParsedPriceAlert, parsePriceAlert } from './price-alert-parse.js';
import { infoReply, okReply, usageReply } from './replies.js';
import { SYMBOL_OPTION } from './subscriptions.js';
import { resolveToken } from './tokens.js';
import type { Command, CommandDeps } from './types.js';

/**
 * `/backtest SOL above 210 and signal bullish [7d|30d]`: any condition `/alert` accepts, replayed over the
 * stored price history (src/engine/backtest.ts): how often it would have fired, when, and the price 1 h
 * and 24 h after each firing, with the sample size. Creates nothing.
 */

const DAY = 86_400_000;
const PERIODS = { '7d': 7 * DAY, '30d': 30 * DAY } as const;
type Period = keyof typeof PERIODS;
/** Firings listed one by one (the newest); the summary counts them all. */
const LISTED = 10;

const USAGE = '/backtest SOL above 210|move 5% 1h|near support 2% [and ...] [7d|30d]';

/** The condition and the period: a trailing `7d`/`30d` is the period unless it belongs to the condition (`move 5% 7d`). */
export function parseBacktest(
  raw: string,
): { ok: true; value: ParsedPriceAlert & { period: Period } } | { ok: false; error: string } {
  const words = raw.trim().split(/\s+/);
  const last = words.at(-1)?.toLowerCase() ?? '';
  if (last === '7d' || last === '30d') {
    const rest = parsePriceAlert(words.slice(0, -1).join(' '));
    if (rest.ok) return { ok: true, value: { ...rest.value, period: last } };
  } else if (/^\d+\s*(d|w|days?|weeks?)$/.test(last) && parsePriceAlert(words.slice(0, -1).join(' ')).ok) {
    return { ok: false, error: 'Pick 7d or 30d: the price history keeps 30 days.' };
  }
  const all = parsePriceAlert(raw);
  return all.ok ? { ok: true, value: { ...all.value, period: '7d' } } : all;
}

const pct = (v: number | undefined) => (v === undefined ? 'n/a' : formatPct(v, true));

function firingLine(f: BacktestFiring, now: number): string {
  return `  ${formatClock(f.t, { ref: now })} at ${formatPrice(f.price)} · 1 h after ${pct(f.after1h)} · 24 h after ${pct(f.after24h)}`;
}

/** `After 1 h: mean +0.52%, up 3 of 5 (5 with a price 1 h later)`. */
function afterLine(label: string, values: ReadonlyArray<number | undefined>): string {
  const m = meanOf(values);
  if (m.mean === undefined) return `After ${label}: no price that long after any firing yet.`;
  const up = values.filter((v) => v !== undefined && v > 0).length;
  return `After ${label}: mean ${formatPct(m.mean, true)}, up ${up} of ${m.n} (sample ${m.n})`;
}

function resultLines(r: BacktestResult, token: TokenInfo, now: number): string[] {
  const lines: string[] = [];
  if (r.from !== undefined && r.to !== undefined) {
    lines.push(
      `Replayed ${formatNumber(r.samples, 0)} price points of ${token.symbol} from ${formatClock(r.from, { ref: now })} to ${formatClock(r.to, { ref: now })} (hourly before the last 24 h, by the minute after).`,
    );
  }
  if (r.skipped.length > 0) {
    const rest = r.replayed.length > 0 ? ` (${describeParts(r.replayed)})` : '';
    lines.push(
      `Not replayed: ${describeParts(r.skipped)}. tokenwatch keeps only the latest TM grade and Sharpe, and signals only as the flips it alerted on, so this counts the other parts only${rest}.`,
    );
  }
  if (r.levelsNow) lines.push("near parts are judged against today's strong levels.");
  const n = r.firings.length;
  lines.push(n === 0 ? 'It would not have fired.' : `It would have fired ${n} time${n === 1 ? '' : 's'}:`);
  for (const f of r.firings.slice(-LISTED)) lines.push(firingLine(f, now));
  if (n > LISTED) lines.push(`  … and ${n - LISTED} earlier.`);
  if (n > 0) {
    lines.push(
      afterLine(
        '1 h',
        r.firings.map((f) => f.after1h),
      ),
    );
    lines.push(
      afterLine(
        '24 h',
        r.firings.map((f) => f.after24h),
      ),
    );
  }
  return lines;
}

/**
 * The daily and hourly signal over the period, from the stored outcome records of delivered signal flips
 * (issue 12): each flip's time and direction; before the first one, the opposite of it; with no flip in
 * the period, today's signal throughout. Only for the timeframes the condition reads. Says what it used.
 */
async function signalTimelines(
  condition: Condition,
  token: TokenInfo,
  facts: MarketFacts | undefined,
  deps: CommandDeps,
  since: number,
): Promise<{ signals: BacktestSignals; notes: string[] }> {
  const wanted = new Set(condition.parts.flatMap((p) => (p.kind === 'signal' ? [p.timeframe] : [])));
  const outcomes = deps.store.outcomes;
  if (wanted.size === 0 || !outcomes) return { signals: {}, notes: [] };
  const stored = await outcomes.since(since, token.tokenId);
  const signals: { daily?: SignalTimeline; hourly?: SignalTimeline } = {};
  const notes: string[] = [];
  for (const tf of wanted) {
    const changes = stored
      .filter((o) => o.kind === (tf === 'daily' ? 'daily_flip' : 'hourly_flip'))
      .map((o) => ({ t: o.at, value: o.dir as SignalValue }));
    const first = changes[0];
    const initial = first ? (-first.value as SignalValue) : tf === 'daily' ? facts?.daily : facts?.hourly;
    if (initial === undefined) continue;
    signals[tf] = { initial, changes };
    const name = tf === 'daily' ? 'The daily signal' : 'The hourly signal';
    notes.push(
      changes.length > 0
        ? `${name} replays from ${changes.length} stored flip${changes.length === 1 ? '' : 's'} in the period.`
        : `${name}: no flip stored in the period, so today's (${formatSignal(initial)}) counts throughout.`,
    );
  }
  return { signals, notes };
}

async function run(
  token: TokenInfo,
  parsed: ParsedPriceAlert & { period: Period },
  deps: CommandDeps,
  now: number,
) {
  const history = deps.store.priceHistory;
  if (!history) return infoReply(['Backtests are not available on this bot.']);
  const { condition, period } = parsed;
  const title = `Backtest: ${token.symbol} ${condition.text}, last ${period}`;
  const state = await (deps.market.state?.(token.tokenId) ?? Promise.resolve(undefined)).catch(
    () => undefined,
  );
  const since = now - PERIODS[period];
  const { signals, notes } = await signalTimelines(condition, token, factsOf(state), deps, since);
  if (!condition.parts.some((p) => isReplayable(p, signals))) {
    return infoReply(
      [
        `Nothing in ${condition.text} can be replayed: tokenwatch keeps only the latest TM grade and Sharpe, and a token's signals only as the flips it alerted on.`,
        'Add a price part, e.g. above 210 and signal bullish.',
      ],
      title,
    );
  }
  const series = await history.range(token.tokenId, since, now);
  if (series.length < 2) {
    return infoReply(
      [
        `No price history of ${token.symbol} for that period yet: tokenwatch records the prices of tokens someone follows or has an alert on.`,
        `Follow it (/subscribe ${token.symbol}) or set an alert, and try again later.`,
      ],
      title,
    );
  }
  const lines = resultLines(backtest(condition, series, factsOf(state), signals), token, now);
  lines.splice(1, 0, ...notes);
  lines.push(`No alert was created. To set it: /alert ${token.symbol} ${condition.text}`);
  return okReply(lines, title);
}

export const backtestCommand: Command = {
  name: 'backtest',
  description:
    'Replay an alert condition over the stored price history: how often it would have fired and what followed',
  usage: USAGE,
  access: 'everyone',
  options: [
    SYMBOL_OPTION,
    {
      name: 'condition',
      description: 'Any /alert condition (above 210 and signal bullish), then 7d (default) or 30d',
      type: 'string',
      maxLength: 160,
      rest: true,
    },
  ],
  async run(ctx, args, deps) {
    const symbol = argText(args.symbol);
    const raw = argText(args.condition);
    if (symbol === undefined) return usageReply('Which token? For example: /backtest SOL above 210', USAGE);
    if (raw === undefined) return usageReply('Say what to test, e.g. above 210 or move 5% 1h.', USAGE);
    // Validate before any look-up: bad input costs nothing.
    const parsed = parseBacktest(raw);
    if (!parsed.ok) return usageReply(parsed.error, USAGE);
    const tok = await resolveToken(symbol, deps);
    if (!tok.ok) return tok.reply;
    return run(tok.token, parsed.value, deps, ctx.now);
  },
};
