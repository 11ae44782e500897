import type { Outcome } from '#src/domain/outcome.js';
import { ALERT_LOG_MAX_ROWS, type LoggedAlert } from '#src/store/alert-log-ports.js';
import { type Cell, csv } from './csv.js';
import { argText } from './parse.js';
import { errorReply, infoReply, usageReply } from './replies.js';
import { resolveMemberTarget } from './target.js';
import type { Command, CommandContext, Reply } from './types.js';

/**
 * `/export [7d|30d|90d]` (issue 21): the alerts the caller's destination was sent in the window, as a CSV
 * file (Telegram sendDocument, a Discord attachment): time (UTC), token, kind, price, level, and from the
 * outcome records /stats uses, the outcome and the move after.
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
  return errorReply(
    "Only group admins can export this group's alerts.",
    'For your own alerts, send me /export in a private chat.',
  );
}

export const exportCommand: Command = {
  name: 'export',
  description: 'Your delivered alerts as a CSV file (time, token, kind, price, level, outcome, move after)',
  usage: '/export [7d|30d|90d]',
  access: 'everyone',
  options: [
    {
      name: 'window',
      description: 'How far back: 7d, 30d (default) or 90d',
      type: 'string',
      maxLength: 8,
      choices: Object.keys(WINDOWS).map((v) => ({ name: v, value: v })),
    },
  ],
  async run(ctx, args, deps) {
    const log = deps.store.alertLog;
    if (!log) return infoReply(['Exports are not available on this bot.']);
    const window = (argText(args.window) ?? '30d').toLowerCase();
    const days = WINDOWS[window];
    if (days === undefined) return usageReply('The window is 7d, 30d or 90d.', exportCommand.usage);
    const refused = await groupRefusal(ctx);
    if (refused) return refused;
    const t = await resolveMemberTarget(ctx, 'list');
    if (!t.ok) return t.reply;
    const since = ctx.now - days * DAY_MS;
    const alerts = await log.list(t.target.destination, since, ALERT_LOG_MAX_ROWS);
    if (alerts.length === 0) {
      return infoReply([`No alerts were delivered to ${t.target.label} in the last ${window}.`]);
    }
    // The outcomes of those events (one read; detection comes before delivery, so `since` of the first).
    const first = Math.min(...alerts.map((a) => a.detectedAt));
    const outcomes = new Map((await deps.store.outcomes?.since(first))?.map((o) => [o.id, o]) ?? []);
    const body = exportCsv(alerts, outcomes);
    const capped = alerts.length >= ALERT_LOG_MAX_ROWS ? ` (the first ${ALERT_LOG_MAX_ROWS})` : '';
    return {
      kind: 'ok',
      title: `Alerts export, last ${window}`,
      lines: [
        `${alerts.length} alert${alerts.length === 1 ? '' : 's'} delivered to ${t.target.label}${capped}, times in UTC.`,
        'Columns: time_utc, token, kind, price_usd, level_usd, outcome, move_after_pct.',
      ],
      ephemeral: true,
      document: {
        bytes: Buffer.from(body, 'utf8'),
        filename: `tokenwatch-alerts-${window}.csv`,
        contentType: 'text/csv',
      },
    };
  },
};
