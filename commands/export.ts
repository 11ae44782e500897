import type { Outcome } from '#src/domain/outcome.js';
import type { Translate } from '#src/i18n/catalog.js';
import { ALERT_LOG_MAX_ROWS, type LoggedAlert } from '#src/store/alert-log-ports.js';
import { type Cell, csv } from './csv.js';
import { argText } from './parse.js';
import { errorReply, infoReply, usageReply } from './replies.js';
import {
  CHANNEL_OPTION,
  CHANNEL_PLATFORMS,
  resolveChannelTarget,
  resolveMemberTarget,
  type Target,
} from './target.js';
import type { Command, CommandContext, CommandDeps, OptionSpec, Reply } from './types.js';
import { placeKind } from './watchlist.js';

/**
 * `/export [7d|30d|90d]` (issue 21): the alerts the caller's destination was sent in the window, as a CSV
 * file (Telegram sendDocument, a Discord attachment): time (UTC), token, kind, price, level, and from the
 * outcome records /stats uses, the outcome and the move after.
 *
 * Languages (issue 22): the replies around the file are translated; the file is not. Its column headers
 * (`time_utc`, `token`, ...) and cell values (`level_break`, `hit`, ISO times) stay English in every
 * language: a CSV is read by spreadsheets and scripts, and a column a script looks up must not be renamed
 * by a member's language setting. The reply names the columns, so a reader can map them.
 */
const WINDOWS: Readonly<Record<string, number>> = { '7d': 7, '30d': 30, '90d': 90 };
const DAY_MS = 86_400_000;

export const EXPORT_HEADER = [
  'time_utc',
  'token',
  'kind',
  'price_usd',
  'level_usd',
  'outcome',
  'move_after_pct',
] as const;

const round = (n: number | undefined, digits: number) =>
  n === undefined ? undefined : Number(n.toPrecision(digits));

function row(a: LoggedAlert, o: Outcome | undefined): Cell[] {
  const decided = o !== undefined && o.status !== 'open';
  return [
    new Date(a.at).toISOString(),
    a.symbol,
    a.kind,
    round(a.price, 10),
    round(a.level, 10),
    o?.status,
    decided && o.move !== undefined ? round(o.move, 4) : undefined,
  ];
}

/** The CSV of delivered alerts with their outcomes (by event id; a price alert has none). */
export function exportCsv(alerts: readonly LoggedAlert[], outcomes: ReadonlyMap<string, Outcome>): string {
  return csv([EXPORT_HEADER, ...alerts.map((a) => row(a, outcomes.get(a.eventId)))]);
}

async function groupRefusal(ctx: CommandContext): Promise<Reply | undefined> {
  if (ctx.place.kind !== 'group' || (await ctx.isModerator())) return undefined;
  return errorReply(ctx.t('export-admins-only'), ctx.t('export-own-in-dm'));
}

const WINDOW_OPTION: OptionSpec = {
  name: 'window',
  description: 'How far back: 7d, 30d (default) or 90d',
  type: 'string',
  maxLength: 8,
  choices: Object.keys(WINDOWS).map((v) => ({ name: v, value: v })),
};

/** The window's days, or the reply that says which windows exist. */
function windowOf(
  raw: string | undefined,
  usage: string,
  t: Translate,
): { window: string; days: number } | Reply {
  const window = (raw ?? '30d').toLowerCase();
  const days = WINDOWS[window];
  return days === undefined ? usageReply(t('export-bad-window'), usage, t) : { window, days };
}

export const exportCommand: Command = {
  name: 'export',
  description: 'Your delivered alerts as a CSV file (time, token, kind, price, level, outcome, move after)',
  usage: '/export [7d|30d|90d]',
  access: 'everyone',
  options: [WINDOW_OPTION],
  async run(ctx, args, deps) {
    if (!deps.store.alertLog) return unavailable(ctx.t);
    const w = windowOf(argText(args.window), exportCommand.usage, ctx.t);
    if ('kind' in w) return w;
    const refused = await groupRefusal(ctx);
    if (refused) return refused;
    const t = await resolveMemberTarget(ctx, 'list');
    if (!t.ok) return t.reply;
    return exportOf(ctx, t.target, w, deps);
  },
};

/** `/channel export [7d|30d|90d] [#channel]`: a Discord channel's delivered alerts (moderators). */
export const channelExport: Command = {
  name: 'export',
  description: "A channel's delivered alerts as a CSV file",
  usage: '/channel export [7d|30d|90d] [#channel]',
  access: 'moderator',
  platforms: CHANNEL_PLATFORMS,
  options: [WINDOW_OPTION, CHANNEL_OPTION],
  async run(ctx, args, deps) {
    if (!deps.store.alertLog) return unavailable(ctx.t);
    const w = windowOf(argText(args.window), channelExport.usage, ctx.t);
    if ('kind' in w) return w;
    const t = await resolveChannelTarget(ctx, argText(args.channel));
    if (!t.ok) return t.reply;
    return exportOf(ctx, t.target, w, deps);
  },
};

const unavailable = (t: Translate) => infoReply([t('export-unavailable')]);

async function exportOf(
  ctx: CommandContext,
  target: Target,
  w: { window: string; days: number },
  deps: CommandDeps,
): Promise<Reply> {
  const { window, days } = w;
  const { t } = ctx;
  const place = placeKind(target.destination);
  const log = deps.store.alertLog;
  if (!log) return unavailable(t);
  const alerts = await log.list(target.destination, ctx.now - days * DAY_MS, ALERT_LOG_MAX_ROWS);
  if (alerts.length === 0) return infoReply([t('export-none', { place, window })]);
  // The outcomes of those events in one read (detection comes before delivery: from the first detection).
  const first = Math.min(...alerts.map((a) => a.detectedAt));
  const outcomes = new Map((await deps.store.outcomes?.since(first))?.map((o) => [o.id, o]) ?? []);
  const capped = alerts.length >= ALERT_LOG_MAX_ROWS;
  return {
    kind: 'ok',
    title: t('export-title', { window }),
    lines: [
      capped
        ? t('export-count-capped', { count: alerts.length, place, max: String(ALERT_LOG_MAX_ROWS) })
        : t('export-count', { count: alerts.length, place }),
      t('export-columns', { columns: EXPORT_HEADER.join(', ') }),
    ],
    ephemeral: true,
    document: {
      bytes: Buffer.from(exportCsv(alerts, outcomes), 'utf8'),
      filename: `tokenwatch-alerts-${window}.csv`,
      contentType: 'text/csv',
    },
  };
}
