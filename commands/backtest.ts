import { formatClock, formatNumber, formatPct, formatPrice } from '#src/domain/format.js';
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
import type { Translate } from '#src/i18n/catalog.js';
import { argText } from './parse.js';
import { type ParsedPriceAlert, parsePriceAlert } from './price-alert-parse.js';
import { infoReply, okReply, usageReply } from './replies.js';
import { SYMBOL_OPTION } from './subscriptions.js';
import { resolveToken } from './tokens.js';
import { signalWord } from './trader-text.js';
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
  t: Translate,
): { ok: true; value: ParsedPriceAlert & { period: Period } } | { ok: false; error: string } {
  const words = raw.trim().split(/\s+/);
  const last = words.at(-1)?.toLowerCase() ?? '';
  const head = words.slice(0, -1).join(' ');
  if (last === '7d' || last === '30d') {
    const rest = parsePriceAlert(head, t);
    if (rest.ok) return { ok: true, value: { ...rest.value, period: last } };
  } else if (/^\d+\s*(d|w|days?|weeks?)$/.test(last) && parsePriceAlert(head, t).ok) {
    return { ok: false, error: t('backtest-period') };
  }
  const all = parsePriceAlert(raw, t);
  return all.ok ? { ok: true, value: { ...all.value, period: '7d' } } : all;
}

function firingLine(f: BacktestFiring, now: number, t: Translate): string {
  const pct = (v: number | undefined) => (v === undefined ? t('backtest-na') : formatPct(v, true));
  return `  ${t('backtest-firing', {
    time: formatClock(f.t, { ref: now }),
    price: formatPrice(f.price),
    after1h: pct(f.after1h),
    after24h: pct(f.after24h),
  })}`;
}

/** `After 1 h: mean +0.52%, up 3 of 5 (sample 5)`. */
function afterLine(label: string, values: ReadonlyArray<number | undefined>, t: Translate): string {
  const m = meanOf(values);
  if (m.mean === undefined) return t('backtest-after-none', { label });
  const up = values.filter((v) => v !== undefined && v > 0).length;
  return t('backtest-after', { label, mean: formatPct(m.mean, true), up, n: m.n });
}

function resultLines(r: BacktestResult, token: TokenInfo, now: number, t: Translate): string[] {
  const lines: string[] = [];
  if (r.from !== undefined && r.to !== undefined) {
    const [from, to] = [formatClock(r.from, { ref: now }), formatClock(r.to, { ref: now })];
    lines.push(t('backtest-replayed', { count: formatNumber(r.samples, 0), symbol: token.symbol, from, to }));
  }
  if (r.skipped.length > 0) {
    const skipped = describeParts(r.skipped);
    lines.push(
      r.replayed.length > 0
        ? t('backtest-skipped-rest', { skipped, replayed: describeParts(r.replayed) })
        : t('backtest-skipped', { skipped }),
    );
  }
  if (r.levelsNow) lines.push(t('backtest-levels-now'));
  const n = r.firings.length;
  lines.push(n === 0 ? t('backtest-never') : t('backtest-fired', { count: n }));
  for (const f of r.firings.slice(-LISTED)) lines.push(firingLine(f, now, t));
  if (n > LISTED) lines.push(`  ${t('backtest-earlier', { count: n - LISTED })}`);
  if (n > 0) {
    lines.push(
      afterLine(
        '1 h',
        r.firings.map((f) => f.after1h),
        t,
      ),
    );
    lines.push(
      afterLine(
        '24 h',
        r.firings.map((f) => f.after24h),
        t,
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
  t: Translate,
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
    notes.push(
      changes.length > 0
        ? t('backtest-signal-flips', { timeframe: tf, count: changes.length })
        : t('backtest-signal-today', { timeframe: tf, signal: signalWord(t, initial) }),
    );
  }
  return { signals, notes };
}

async function run(
  token: TokenInfo,
  parsed: ParsedPriceAlert & { period: Period },
  deps: CommandDeps,
  now: number,
  t: Translate,
) {
  const history = deps.store.priceHistory;
  if (!history) return infoReply([t('backtest-unavailable')]);
  const { condition, period } = parsed;
  const symbol = token.symbol;
  const title = t('backtest-title', { symbol, condition: condition.text, period });
  const state = await (deps.market.state?.(token.tokenId) ?? Promise.resolve(undefined)).catch(
    () => undefined,
  );
  const since = now - PERIODS[period];
  const { signals, notes } = await signalTimelines(condition, token, factsOf(state), deps, since, t);
  if (!condition.parts.some((p) => isReplayable(p, signals))) {
    return infoReply(
      [t('backtest-not-replayable', { condition: condition.text }), t('backtest-add-price')],
      title,
    );
  }
  const series = await history.range(token.tokenId, since, now);
  if (series.length < 2) {
    return infoReply(
      [t('backtest-no-history', { symbol }), t('backtest-no-history-hint', { symbol })],
      title,
    );
  }
  const lines = resultLines(backtest(condition, series, factsOf(state), signals), token, now, t);
  lines.splice(1, 0, ...notes);
  lines.push(t('backtest-created-none', { symbol, condition: condition.text }));
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
    const { t } = ctx;
    if (symbol === undefined) return usageReply(t('backtest-which-token'), USAGE, t);
    if (raw === undefined) return usageReply(t('backtest-say-what'), USAGE, t);
    // Validate before any look-up: bad input costs nothing.
    const parsed = parseBacktest(raw, t);
    if (!parsed.ok) return usageReply(parsed.error, USAGE, t);
    const tok = await resolveToken(symbol, deps, t);
    if (!tok.ok) return tok.reply;
    return run(tok.token, parsed.value, deps, ctx.now, t);
  },
};
