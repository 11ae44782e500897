import type { BriefSchedule } from '#src/store/ports.js';
import { canonicalTime } from '#src/watchlist/schedule.js';
import { excerpt } from './format.js';
import { argText, canonicalTimeZone } from './parse.js';
import { infoReply, okReply, usageReply } from './replies.js';
import {
  CHANNEL_OPTION,
  CHANNEL_PLATFORMS,
  layersFor,
  resolveChannelTarget,
  resolveMemberTarget,
  type Target,
} from './target.js';
import type { Command, CommandContext, CommandDeps, OptionSpec, Reply } from './types.js';
import { placeDestination, placeKind } from './watchlist.js';

/**
 * The daily brief (issue 20): the watchlist posted once a day at a local time. `/brief 08:00
 * Europe/Berlin` in a DM (or by an admin in a group or forum topic), `/channel brief ...` for a Discord
 * channel (moderators); `off` removes it, no argument shows it. Bad input changes nothing.
 */
const TIME_OPTION: OptionSpec = {
  name: 'time',
  description: 'Local time HH:MM (e.g. 08:00), or off',
  type: 'string',
  maxLength: 16,
};
const ZONE_OPTION: OptionSpec = {
  name: 'zone',
  description: 'IANA time zone, e.g. Europe/Berlin (default UTC)',
  type: 'string',
  maxLength: 64,
};

/** Needs a store with briefs (absent in some test deps). */
function briefsOf(deps: CommandDeps) {
  return deps.store.briefs;
}

async function show(target: Target, ctx: CommandContext, deps: CommandDeps, usage: string): Promise<Reply> {
  const { t } = ctx;
  const briefs = briefsOf(deps);
  if (!briefs) return infoReply([t('brief-unavailable')]);
  const place = placeKind(target.destination);
  const s = await briefs.get(target.destination);
  if (!s) {
    return infoReply([
      t('brief-none', { place }),
      t('brief-set-one', { example: usage.replace('[HH:MM|off] [zone]', '08:00 Europe/Berlin') }),
    ]);
  }
  return infoReply([t('brief-daily', { place, time: s.time, zone: s.tz }), t('brief-explain')]);
}

/** Parses and stores (or clears) the brief of `target`; replies what happened. */
export async function setBrief(
  target: Target,
  timeRaw: string | undefined,
  zoneRaw: string | undefined,
  ctx: CommandContext,
  deps: CommandDeps,
  usage: string,
): Promise<Reply> {
  const { t } = ctx;
  const briefs = briefsOf(deps);
  if (!briefs) return infoReply([t('brief-unavailable')]);
  if (timeRaw === undefined) return show(target, ctx, deps, usage);
  const place = placeKind(target.destination);
  if (/^(off|none|stop)$/i.test(timeRaw.trim())) {
    const had = await briefs.clear(target.destination);
    return okReply([had ? t('brief-stopped', { place }) : t('brief-had-none', { place })]);
  }
  const time = canonicalTime(timeRaw);
  if (time === undefined) {
    return usageReply(t('brief-bad-time', { input: excerpt(timeRaw.trim(), 16) }), usage, t);
  }
  const zoneText = zoneRaw?.trim() || 'UTC';
  const tz = canonicalTimeZone(zoneText);
  if (!tz) return usageReply(t('brief-bad-zone', { input: excerpt(zoneText, 32) }), usage, t);
  const schedule: BriefSchedule = { time, tz, createdAt: ctx.now };
  await briefs.set(target.destination, schedule);
  const follows = (await deps.store.subscriptions.list(target.destination)).length;
  return okReply([
    t('brief-daily', { place, time, zone: tz }),
    follows > 0 ? t('brief-will-list', { count: follows }) : t('brief-nothing-followed'),
  ]);
}

const brief: Command = {
  name: 'brief',
  description: 'A daily watchlist at a local time (e.g. 08:00 Europe/Berlin), or off',
  usage: '/brief [HH:MM|off] [zone]',
  access: 'everyone',
  options: [TIME_OPTION, { ...ZONE_OPTION, rest: true }],
  async run(ctx, args, deps) {
    const timeRaw = argText(args.time);
    // Showing changes nothing, so anyone may look; setting in a group needs an admin (asked of the platform).
    if (timeRaw === undefined) {
      const here = placeDestination(ctx);
      return show({ ...here, layers: layersFor(here.destination) }, ctx, deps, brief.usage);
    }
    const t = await resolveMemberTarget(ctx, 'settings');
    if (!t.ok) return t.reply;
    return setBrief(t.target, timeRaw, argText(args.zone), ctx, deps, brief.usage);
  },
};

export const channelBrief: Command = {
  name: 'brief',
  description: "A channel's daily watchlist at a local time, or off",
  usage: '/channel brief [HH:MM|off] [zone] [#channel]',
  access: 'moderator',
  platforms: CHANNEL_PLATFORMS,
  options: [TIME_OPTION, ZONE_OPTION, CHANNEL_OPTION],
  async run(ctx, args, deps) {
    const t = await resolveChannelTarget(ctx, argText(args.channel));
    if (!t.ok) return t.reply;
    return setBrief(t.target, argText(args.time), argText(args.zone), ctx, deps, channelBrief.usage);
  },
};

export const briefCommand: Command = brief;
