import { gradeSignalLabel } from '#src/delivery/describe.js';
import { formatNumber, formatPct, formatPrice, formatTime } from '#src/domain/format.js';
import { liveNoteText } from '#src/domain/live-note.js';
import type { DataKind } from '#src/domain/market.js';
import { DEFAULT_SETTINGS, type TokenInfo } from '#src/domain/types.js';
import type { TokenView } from '#src/domain/view.js';
import type { Translate } from '#src/i18n/catalog.js';
import { argText } from './parse.js';
import { infoReply, okReply } from './replies.js';
import { SYMBOL_OPTION } from './subscriptions.js';
import { resolveToken } from './tokens.js';
import { ageText, signalWord } from './trader-text.js';
import type { Command, Reply } from './types.js';

/** How many levels each side /levels shows, nearest to the price first. */
const LEVELS_PER_SIDE = 3;

function noData(t: Translate, token: TokenInfo): Reply {
  return infoReply([
    t('market-no-data', { symbol: token.symbol }),
    t('market-no-data-hint', { symbol: token.symbol }),
  ]);
}

/** The reply when a command needs data the API plan refuses (`src/market/status.ts`'s text, worded here). */
export function unavailableLine(t: Translate, kind: DataKind): string {
  return t('market-unavailable', { kind });
}

/** `Price: $150.12 (Binance SOL/USDT, 1 s ago)`: the price with its source and age when known. */
function priceLines(view: TokenView, t: Translate): string[] {
  if (view.price === undefined) return [];
  const src = view.priceSource;
  const price = formatPrice(view.price);
  const line = src
    ? t('market-price-source', { price, source: src.label, age: ageText(t, src.ageMs) })
    : t('market-price', { price });
  return src?.note ? [line, liveNoteText(src.note, t)] : [line];
}

/** The lines of /levels for a view (exported for reuse and tests). */
export function levelsLines(
  view: TokenView,
  t: Translate,
  minStrength = DEFAULT_SETTINGS.minStrength,
): string[] {
  const lines: string[] = priceLines(view, t);
  const strong = view.levels.filter((l) => l.strength >= minStrength);
  const near = (a: { distancePct: number }, b: { distancePct: number }) =>
    Math.abs(a.distancePct) - Math.abs(b.distancePct);
  const resistance = strong
    .filter((l) => l.side === 'resistance')
    .sort(near)
    .slice(0, LEVELS_PER_SIDE);
  const support = strong
    .filter((l) => l.side === 'support')
    .sort(near)
    .slice(0, LEVELS_PER_SIDE);
  const row = (l: TokenView['levels'][number]) =>
    `  ${t('levels-row', { price: formatPrice(l.level), pct: formatPct(l.distancePct, true), strength: formatNumber(l.strength, 0) })}`;
  const none = [`  ${t('levels-none')}`];
  if (resistance.length === 0 && support.length === 0) {
    lines.push(t('levels-none-strong', { min: String(minStrength) }));
  } else {
    lines.push(t('levels-resistance-above'), ...(resistance.length > 0 ? resistance.map(row) : none));
    lines.push(t('levels-support-below'), ...(support.length > 0 ? support.map(row) : none));
  }
  if (view.updatedAt !== undefined) lines.push(t('market-updated', { time: formatTime(view.updatedAt) }));
  return lines;
}

/** The lines of /signal for a view, or undefined when it holds no signal data at all. */
export function signalLines(view: TokenView, t: Translate): string[] | undefined {
  const lines: string[] = priceLines(view, t);
  const priceOnly = lines.length;
  const d = view.daily;
  if (d) {
    const [trend, signal, date] = [signalWord(t, d.trend), signalWord(t, d.signal), d.date.slice(0, 10)];
    lines.push(t('signal-daily', { trend, signal, date }));
  }
  const h = view.hourly;
  if (h) {
    const [position, signal] = [signalWord(t, h.position), signalWord(t, h.signal)];
    lines.push(t('signal-hourly', { position, signal, time: h.timestamp.slice(0, 16) }));
  }
  if (view.grade) {
    const g = view.grade.grade === undefined ? '' : ` (${formatNumber(view.grade.grade, 1)})`;
    const words = gradeSignalLabel(view.grade.signal.slice(0, 24), t);
    lines.push(t('signal-grade', { grade: `${words}${g}` }));
  }
  const sharpe = view.metrics?.SHARPE;
  if (sharpe !== undefined) lines.push(t('signal-sharpe', { value: formatNumber(sharpe, 2) }));
  if (lines.length === priceOnly) return undefined;
  if (view.updatedAt !== undefined) lines.push(t('market-updated', { time: formatTime(view.updatedAt) }));
  return lines;
}

/**
 * A look-up command: resolve the symbol, read the token's view, render it, or say there is no data yet.
 * `render` returns undefined when the view has nothing worth showing.
 */
function viewCommand(
  spec: Pick<Command, 'name' | 'description' | 'usage'>,
  /** The reply's title id (`{ $symbol } levels`). */
  titleId: string,
  render: (view: TokenView, t: Translate) => string[] | undefined,
  /** The kinds this command shows; when the API plan refuses all of them, the reply says so. */
  needs: readonly DataKind[],
): Command {
  return {
    ...spec,
    access: 'everyone',
    options: [SYMBOL_OPTION],
    async run(ctx, args, deps) {
      const { t } = ctx;
      const down = new Set(deps.market.unavailable?.() ?? []);
      const missing = needs.filter((k) => down.has(k)).map((k) => unavailableLine(t, k));
      if (missing.length === needs.length) return infoReply(missing);
      const tok = await resolveToken(argText(args.symbol), deps, ctx.t);
      if (!tok.ok) return tok.reply;
      const view = await deps.market.view(tok.token.tokenId);
      const lines = view ? render(view, t) : undefined;
      if (!lines) return noData(t, tok.token);
      return okReply([...lines, ...missing], t(titleId, { symbol: tok.token.symbol }));
    },
  };
}

const levels = viewCommand(
  { name: 'levels', description: 'Strong support and resistance levels of a token', usage: '/levels SOL' },
  'levels-title',
  (view, t) => (view.price === undefined && view.levels.length === 0 ? undefined : levelsLines(view, t)),
  ['levels'],
);

const signal = viewCommand(
  { name: 'signal', description: 'Trading signals, grade and Sharpe of a token', usage: '/signal SOL' },
  'signal-title',
  signalLines,
  ['daily', 'hourly', 'grade', 'quant'],
);

export const marketCommands: readonly Command[] = [levels, signal];
