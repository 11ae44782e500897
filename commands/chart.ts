import { CHART_RANGES, type ChartRange } from '#src/charts/types.js';
import { levelsLines } from './market.js';
import { argText } from './parse.js';
import { infoReply } from './replies.js';
import { SYMBOL_OPTION } from './subscriptions.js';
import { resolveToken } from './tokens.js';
import type { Command } from './types.js';

/** `/chart SOL [24h|7d|30d]`: the price line with the strong levels, as a picture. */
export const chartCommand: Command = {
  name: 'chart',
  description: 'A price chart of a token with its strong levels',
  usage: '/chart SOL [24h|7d|30d]',
  access: 'everyone',
  options: [
    SYMBOL_OPTION,
    {
      name: 'range',
      description: 'Time window (default 7d)',
      type: 'string',
      maxLength: 8,
      choices: CHART_RANGES.map((r) => ({ name: r, value: r })),
    },
  ],
  async run(ctx, args, deps) {
    const range = (argText(args.range) ?? '7d') as ChartRange;
    const tok = await resolveToken(argText(args.symbol), deps, ctx.t);
    if (!tok.ok) return tok.reply;
    if (!deps.charts) return infoReply([ctx.t('chart-unavailable')]);
    const image = await deps.charts.tokenChart({
      tokenId: tok.token.tokenId,
      symbol: tok.token.symbol,
      range,
      now: ctx.now,
      locale: ctx.locale,
    });
    const view = await deps.market.view(tok.token.tokenId);
    const lines = view ? levelsLines(view, ctx.t) : [ctx.t('chart-no-levels', { symbol: tok.token.symbol })];
    // The picture's labels and the alt text in the reply's language (the chart cache keys by language).
    const alt = ctx.t('chart-alt', { symbol: tok.token.symbol, range });
    return {
      kind: 'ok',
      title: `${tok.token.symbol} · ${range}`,
      lines,
      ephemeral: true,
      image: { ...image, alt },
    };
  },
};
