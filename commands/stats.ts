import { formatNumber } from '#src/domain/format.js';
import { type KindStats, MIN_SAMPLE, statsFromSums, totalCount } from '#src/engine/outcome-stats.js';
import type { Translate } from '#src/i18n/catalog.js';
import type { OutcomeStore } from '#src/store/ports.js';
import { argText } from './parse.js';
import { errorReply, infoReply } from './replies.js';
import { SYMBOL_OPTION } from './subscriptions.js';
import { resolveToken } from './tokens.js';
import { outcomeLabel } from './trader-text.js';
import type { Command, Reply } from './types.js';

const DAY = 24 * 3600_000;
export const STATS_WINDOWS = { '7d': 7 * DAY, '30d': 30 * DAY, '90d': 90 * DAY } as const;
type Window = keyof typeof STATS_WINDOWS;
const isWindow = (s: string | undefined): s is Window => s !== undefined && s in STATS_WINDOWS;

const signed = (x: number | undefined) =>
  x === undefined ? '—' : `${x >= 0 ? '+' : ''}${formatNumber(x, 1)}%`;

/** The header row: short words in every language, so the monospaced table stays narrow. */
const HEADERS = [
  'stats-col-kind',
  'stats-col-n',
  'stats-col-hit',
  'stats-col-median',
  'stats-col-best',
  'stats-col-worst',
];

/**
 * The /stats table: one row per kind, fixed-width columns. Cells are padded by their length in code
 * points: every script the catalog ships (Latin, Cyrillic) is one column per code point in a monospaced
 * font, so the columns line up in every language.
 */
export function statsTable(stats: readonly KindStats[], perToken: boolean, t: Translate): string[] {
  const LABEL = (k: KindStats['kind']) => outcomeLabel(t, k);
  const rows: string[][] = [HEADERS.map((id) => t(id))];
  for (const s of stats) {
    const who = (o: KindStats['best']) => (o && !perToken ? ` ${o.symbol}` : '');
    rows.push(
      s.scored
        ? [
            LABEL(s.kind),
            String(s.count),
            s.decided === 0
              ? '—'
              : `${t('stats-hit', { pct: `${Math.round((s.hitRate ?? 0) * 100)}%`, n: s.decided })}${s.tooSmall ? '*' : ''}`,
            signed(s.median),
            `${signed(s.best?.move)}${who(s.best)}`,
            `${signed(s.worst?.move)}${who(s.worst)}`,
          ]
        : [LABEL(s.kind), String(s.count), t('stats-recorded'), '', '', ''],
    );
  }
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => Array.from(r[c] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * Stats per kind of the outcomes with `at >= since` (optionally of one token), or undefined when there
 * are none: the window's summaries and the few outcomes the median, best and worst need, in one round
 * trip whatever the number of outcomes.
 */
export async function windowStats(
  store: Pick<OutcomeStore, 'window'>,
  since: number,
  now: number,
  tokenId?: number,
): Promise<KindStats[] | undefined> {
  const w = await store.window(since, tokenId);
  if (totalCount(w.sums) === 0) return undefined;
  return statsFromSums(w.sums, w.requests, w.picks, now);
}

/** The /stats reply for a window's stats (undefined: nothing delivered in it). */
export function statsReply(
  s: readonly KindStats[] | undefined,
  /** The token's symbol; undefined: every token. */
  symbol: string | undefined,
  window: string,
  perToken: boolean,
  t: Translate,
): Reply {
  const name = symbol ?? t('stats-all-tokens');
  const title = t('stats-title', { name, window });
  if (s === undefined) return infoReply([t('stats-none', { name, window })], title);
  const lines = [t('stats-legend-hit'), t('stats-legend-flips')];
  const small = s
    .filter((k) => k.tooSmall && k.decided > 0)
    .map((k) => `${outcomeLabel(t, k.kind)} (${k.decided})`);
  if (small.length > 0) lines.push(t('stats-too-few', { min: MIN_SAMPLE, kinds: small.join(', ') }));
  const open = s.reduce((n, k) => n + k.open, 0);
  if (open > 0) lines.push(t('stats-open', { count: open }));
  return { kind: 'info', title, lines, table: statsTable(s, perToken, t) };
}

/** /stats [SOL] [7d|30d|90d]: either argument may come alone (`/stats 7d`). */
const stats: Command = {
  name: 'stats',
  description: 'How past alerts turned out: hit rates, median move, best and worst, per kind',
  usage: '/stats [SOL] [7d|30d|90d]',
  access: 'everyone',
  options: [
    { ...SYMBOL_OPTION, required: false, description: 'Token symbol (default: every token)' },
    {
      name: 'window',
      description: 'How far back (default 30d)',
      type: 'string',
      choices: Object.keys(STATS_WINDOWS).map((w) => ({ name: w, value: w })),
    },
  ],
  async run(ctx, args, deps): Promise<Reply> {
    let symbol = argText(args.symbol);
    let window = argText(args.window)?.toLowerCase();
    // `/stats 7d` (or a mistyped `/stats 5y`): a lone number+unit is the window, not a symbol.
    if (window === undefined && symbol !== undefined && /^\d+[a-z]$/i.test(symbol)) {
      window = symbol?.toLowerCase();
      symbol = undefined;
    }
    if (window !== undefined && !isWindow(window)) {
      return errorReply(ctx.t('stats-bad-window', { window: window.slice(0, 16) }));
    }
    const span = STATS_WINDOWS[window ?? '30d'];
    const store = deps.store.outcomes;
    if (!store) return errorReply(ctx.t('stats-unavailable'));
    let tokenId: number | undefined;
    let name: string | undefined;
    if (symbol !== undefined) {
      const tok = await resolveToken(symbol, deps, ctx.t);
      if (!tok.ok) return tok.reply;
      tokenId = tok.token.tokenId;
      name = tok.token.symbol;
    }
    const s = await windowStats(store, ctx.now - span, ctx.now, tokenId);
    return statsReply(s, name, window ?? '30d', tokenId !== undefined, ctx.t);
  },
};

export const statsCommand = stats;
