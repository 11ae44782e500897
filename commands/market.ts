import {
  formatAge,
  formatNumber,
  formatPct,
  formatPrice,
  formatSignal,
  formatTime,
} from '#src/domain/format.js';
import type { DataKind } from '#src/domain/market.js';
import { DEFAULT_SETTINGS, type TokenInfo } from '#src/domain/types.js';
import type { TokenView } from '#src/domain/view.js';
import { unavailableText } from '#src/market/status.js';
import { argText } from './parse.js';
import { infoReply, okReply } from './replies.js';
import { SYMBOL_OPTION } from './subscriptions.js';
import { resolveToken } from './tokens.js';
import type { Command, Reply } from './types.js';

/** How many levels each side /levels shows, nearest to the price first. */
const LEVELS_PER_SIDE = 3;

function noData(token: TokenInfo): Reply {
  return infoReply([
    `No data for ${token.symbol} yet: subscribe and I'll start watching it.`,
    `Try /subscribe ${token.symbol}, then ask again in a few minutes.`,
  ]);
}

export { formatAge };

/** `Price: $150.12 (Binance SOL/USDT, 1 s ago)`: the price with its source and age when known. */
function priceLines(view: TokenView): string[] {
  if (view.price === undefined) return [];
  const src = view.priceSource;
  const line = `Price: ${formatPrice(view.price)}${src ? ` (${src.label}, ${formatAge(src.ageMs)})` : ''}`;
  return src?.note ? [line, src.note] : [line];
}

/** The lines of /levels for a view (exported for reuse and tests). */
export function levelsLines(view: TokenView, minStrength = DEFAULT_SETTINGS.minStrength): string[] {
  const lines: string[] = priceLines(view);
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
    `  ${formatPrice(l.level)}  ${formatPct(l.distancePct, true)} away · strength ${formatNumber(l.strength, 0)}/100`;
  if (resistance.length === 0 && support.length === 0) {
    lines.push(`No strong levels (strength ≥ ${minStrength}) right now.`);
  } else {
    lines.push('Resistance above:', ...(resistance.length > 0 ? resistance.map(row) : ['  none']));
    lines.push('Support below:', ...(support.length > 0 ? support.map(row) : ['  none']));
  }
  if (view.updatedAt !== undefined) lines.push(`Updated ${formatTime(view.updatedAt)}`);
  return lines;
}

/** The lines of /signal for a view, or undefined when it holds no signal data at all. */
export function signalLines(view: TokenView): string[] | undefined {
  const lines: string[] = priceLines(view);
  const priceOnly = lines.length;
  if (view.daily) {
    lines.push(
      `Daily: trend ${formatSignal(view.daily.trend)}, signal ${formatSignal(view.daily.signal)} (${view.daily.date.slice(0, 10)})`,
    );
  }
  if (view.hourly) {
    lines.push(
      `Hourly: position ${formatSignal(view.hourly.position)}, signal ${formatSignal(view.hourly.signal)} (${view.hourly.timestamp.slice(0, 16)})`,
    );
  }
  if (view.grade) {
    const g = view.grade.grade === undefined ? '' : ` (${formatNumber(view.grade.grade, 1)})`;
    lines.push(`TM grade: ${view.grade.signal.slice(0, 24)}${g}`);
  }
  const sharpe = view.metrics?.SHARPE;
  if (sharpe !== undefined) lines.push(`Sharpe: ${formatNumber(sharpe, 2)}`);
  if (lines.length === priceOnly) return undefined;
  if (view.updatedAt !== undefined) lines.push(`Updated ${formatTime(view.updatedAt)}`);
  return lines;
}

/**
 * A look-up command: resolve the symbol, read the token's view, render it, or say there is no data yet.
 * `render` returns undefined when the view has nothing worth showing.
 */
function viewCommand(
  spec: Pick<Command, 'name' | 'description' | 'usage'>,
  title: string,
  render: (view: TokenView) => string[] | undefined,
  /** The kinds this command shows; when the API plan refuses all of them, the reply says so. */
  needs: readonly DataKind[],
): Command {
  return {
    ...spec,
    access: 'everyone',
    options: [SYMBOL_OPTION],
    async run(_ctx, args, deps) {
      const down = new Set(deps.market.unavailable?.() ?? []);
      const missing = needs.filter((k) => down.has(k));
      if (missing.length === needs.length) return infoReply(missing.map(unavailableText));
      const tok = await resolveToken(argText(args.symbol), deps);
      if (!tok.ok) return tok.reply;
      const view = await deps.market.view(tok.token.tokenId);
      const lines = view ? render(view) : undefined;
      if (!lines) return noData(tok.token);
      return okReply([...lines, ...missing.map(unavailableText)], `${tok.token.symbol} ${title}`);
    },
  };
}

const levels = viewCommand(
  { name: 'levels', description: 'Strong support and resistance levels of a token', usage: '/levels SOL' },
  'levels',
  (view) => (view.price === undefined && view.levels.length === 0 ? undefined : levelsLines(view)),
  ['levels'],
);

const signal = viewCommand(
  { name: 'signal', description: 'Trading signals, grade and Sharpe of a token', usage: '/signal SOL' },
  'signals',
  signalLines,
  ['daily', 'hourly', 'grade', 'quant'],
);

export const marketCommands: readonly Command[] = [levels, signal];
