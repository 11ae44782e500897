import { DiscordAPIError, PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import { findCommand, guarded, handleAction, runCommand } from '#commands/index.js';
import type { Args, ArgValue, Command, CommandDeps, PlatformContext, Reply } from '#commands/types.js';
import { type Translate, translatorFor } from '../../i18n/catalog.js';
import { platformLocale } from '../../i18n/resolve.js';
import type { Logger } from '../../obs/logger.js';
import type { Resolved, RoleCheck } from './channels.js';

/**
 * The steps every interaction goes through, whichever way it arrived (the gateway's INTERACTION_CREATE
 * or a signed POST to the interactions endpoint): acknowledge first, check moderators server-side, run
 * the command, answer. The two receivers only translate their input into an `Incoming` and their way of
 * answering into a `Responder`. Nothing here throws.
 */
export interface Incoming {
  readonly kind: 'command' | 'autocomplete' | 'button';
  /** Discord's interaction type number (logs only). */
  readonly type: number;
  /** Command name; empty for buttons. */
  readonly name: string;
  readonly sub?: string | undefined;
  /** Option values by lower-case name, subcommand options flattened. */
  readonly options: ReadonlyMap<string, ArgValue>;
  /** Autocomplete: the option being typed. */
  readonly focused?: { readonly name: string; readonly value: string } | undefined;
  /** Buttons: the custom_id. */
  readonly customId?: string | undefined;
  readonly guildId?: string | undefined;
  readonly channelId?: string | undefined;
  readonly userId: string;
  /** The member's permissions in the channel (guild interactions), as Discord computed them. */
  readonly memberPermissions?: Readonly<PermissionsBitField> | null | undefined;
  /** The user's client language (`locale`), sent with every interaction but PING. */
  readonly locale?: string | undefined;
  /** The server's `guild_locale` (guild interactions). */
  readonly guildLocale?: string | undefined;
}

/** How the interaction is answered: the gateway path through discord.js, the HTTP path in its response. */
export interface Responder {
  /** Acknowledge at once (deferred, ephemeral): the command may take longer than Discord's 3 s. */
  ack(): Promise<void>;
  /** The command's answer (after ack). */
  answer(reply: Reply): Promise<void>;
  /** Autocomplete choices (no ack: they are the answer). */
  choices(list: ReadonlyArray<{ name: string; value: string }>): Promise<void>;
  /** Something failed: tell the user, if the interaction can still be answered. May throw. */
  fail(reply: Reply): Promise<void>;
}

export interface InteractionDeps {
  readonly commands: CommandDeps;
  readonly logger: Logger;
  /** Epoch ms. */
  readonly now: () => number;
  /** Autocomplete must answer within 3 s; the directory gets this long (ms). Default 2000. */
  readonly autocompleteDeadlineMs?: number;
  /**
   * Another replica answered the interaction first (40060) or it expired (10062): counted by the
   * caller (`tokenwatch_interactions_lost_total`), never an error. Default: not counted.
   */
  readonly onLost?: (code: number) => void;
}

/** Discord codes that mean "someone else (or nobody, in time) answered this interaction". */
export const LOST_RACE_CODES: ReadonlySet<number> = new Set([40060, 10062]);

/** The lost-race code of an error, if it is one (40060 already acknowledged, 10062 unknown interaction). */
export function lostRaceCode(err: unknown): number | undefined {
  if (!(err instanceof DiscordAPIError)) return undefined;
  const code = typeof err.code === 'number' ? err.code : Number(err.code);
  return LOST_RACE_CODES.has(code) ? code : undefined;
}

/** Moderator = Manage Channels or Manage Server (Administrator implies both). Re-checked server-side. */
export function isModeratorPerms(perms: Readonly<PermissionsBitField> | null | undefined): boolean {
  return perms?.any([PermissionFlagsBits.ManageChannels, PermissionFlagsBits.ManageGuild]) ?? false;
}

const refused = (t: Translate): Reply => ({
  kind: 'error',
  title: t('discord-moderators-only'),
  lines: [t('discord-moderators-only-why')],
  ephemeral: true,
});

/**
 * The interaction's own language (the member's client `locale`, else the server's `guild_locale`), for
 * texts written where no store is read: a failed interaction, and whether this channel may be subscribed
 * before the command runs (its refusal is worded again in the caller's language). Discord's replies
 * here are ephemeral, seen by the caller alone.
 */
export function interactionTranslator(inc: Pick<Incoming, 'locale' | 'guildLocale'>): Translate {
  return translatorFor(platformLocale(inc.locale, inc.guildLocale));
}

/** A refusal written in the run's language (the caller's setting first), counted like any command. */
function refuse(
  ctx: PlatformContext,
  deps: InteractionDeps,
  make: (t: Translate) => Reply | Promise<Reply>,
): Promise<Reply> {
  return guarded(ctx, deps.commands, async (c) => make(c.t));
}

/** What commands look up in the interaction's guild, as the platform sees it. */
export interface GuildLookups {
  /** A channel for `/channel subscribe channel:#x`; a refusal's reason in `t`'s language. */
  channel(guildId: string, channelId: string, t: Translate): Promise<Resolved>;
  /** Whether alerts in `channelId` may ping `roleId` (`/channel subscribe ... ping:@role`). */
  pingRole(guildId: string, roleId: string, channelId: string, t: Translate): Promise<RoleCheck>;
}

export function contextOf(inc: Incoming, now: number, guild: GuildLookups): PlatformContext {
  const { guildId, channelId } = inc;
  const clientLocale = inc.locale ? { clientLocale: inc.locale } : {};
  if (guildId && channelId) {
    return {
      platform: 'discord',
      userId: inc.userId,
      place: { kind: 'channel', parentId: guildId, channelId },
      now,
      ...clientLocale,
      ...(inc.guildLocale ? { guildLocale: inc.guildLocale } : {}),
      isModerator: async () => isModeratorPerms(inc.memberPermissions),
      resolveChannel: (id: string, t: Translate) => guild.channel(guildId, id, t),
      checkPingRole: (roleId: string, target: string, t: Translate) =>
        guild.pingRole(guildId, roleId, target, t),
    };
  }
  return {
    platform: 'discord',
    userId: inc.userId,
    place: { kind: 'dm' },
    now,
    ...clientLocale,
    isModerator: async () => false,
  };
}

/** The command's declared options from the interaction (channel options → the channel id). */
export function readArgs(cmd: Command, inc: Incoming): Args {
  const args: Record<string, ArgValue> = {};
  for (const opt of cmd.options) {
    const v = inc.options.get(opt.name.toLowerCase());
    if (v !== undefined && v !== null) args[opt.name] = v;
  }
  return args;
}

function needsModerator(name: string, cmd: Command): boolean {
  return cmd.access === 'moderator' || findCommand(name)?.access === 'moderator';
}

async function onCommand(inc: Incoming, r: Responder, deps: InteractionDeps, guild: GuildLookups) {
  // Acknowledge first: store and directory calls may be slow.
  await r.ack();
  const ctx = contextOf(inc, deps.now(), guild);
  const cmd = findCommand(inc.name, inc.sub);
  if (!cmd) {
    return r.answer(
      await refuse(ctx, deps, (t) => ({ kind: 'error', lines: [t('discord-unknown-command')] })),
    );
  }
  // The client's menu is not a permission check: admins can widen who sees /channel, and a forged
  // interaction can carry anything. Re-check here before the command touches the store.
  if (needsModerator(inc.name, cmd) && !(await ctx.isModerator())) {
    return r.answer(await refuse(ctx, deps, refused));
  }
  const args = readArgs(cmd, inc);
  // `/channel subscribe` without a channel means this channel: check the bot can post here too (the
  // commands layer only asks the platform about *other* channels).
  const resolve = ctx.resolveChannel?.bind(ctx);
  if (inc.name === 'channel' && inc.sub === 'subscribe' && args.channel === undefined && resolve) {
    const here = ctx.place.kind === 'channel' ? ctx.place.channelId : undefined;
    const check = here === undefined ? undefined : await resolve(here, interactionTranslator(inc));
    if (here !== undefined && check && !check.ok) {
      // The reason again in the caller's own language (a refusal is rare: one more lookup is cheap).
      const reply = async (t: Translate): Promise<Reply> => {
        const again = await resolve(here, t);
        return {
          kind: 'error',
          title: t('discord-not-this-channel'),
          lines: [again.ok ? check.reason : again.reason],
          ephemeral: true,
        };
      };
      return r.answer(await refuse(ctx, deps, reply));
    }
  }
  await r.answer(await runCommand(cmd, ctx, args, deps.commands));
}

async function onButton(inc: Incoming, r: Responder, deps: InteractionDeps, guild: GuildLookups) {
  await r.ack();
  const ctx = contextOf(inc, deps.now(), guild);
  // Buttons on a channel message act on the channel's subscription: moderators only.
  if (ctx.place.kind !== 'dm' && !(await ctx.isModerator()))
    return r.answer(await refuse(ctx, deps, refused));
  await r.answer(await handleAction(inc.customId ?? '', ctx, deps.commands));
}

function withDeadline<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function onAutocomplete(inc: Incoming, r: Responder, deps: InteractionDeps) {
  const focused = inc.focused;
  const spec = findCommand(inc.name, inc.sub)?.options.find((o) => o.name.toLowerCase() === focused?.name);
  if (!focused || spec?.autocomplete !== 'symbol') return r.choices([]);
  const prefix = String(focused.value).trim().replace(/^\$/, '').slice(0, 15);
  const found = await withDeadline(
    deps.commands.directory.search(prefix, 25).catch(() => []),
    deps.autocompleteDeadlineMs ?? 2_000,
    [],
  );
  const seen = new Set<string>();
  const choices: Array<{ name: string; value: string }> = [];
  for (const t of found) {
    const value = t.symbol.slice(0, 100);
    if (seen.has(value)) continue;
    seen.add(value);
    // Choice names are shown as plain text (no markdown), so no escaping is needed.
    choices.push({ name: `${t.symbol} · ${t.name}`.slice(0, 100), value });
    if (choices.length === 25) break;
  }
  await r.choices(choices);
}

/**
 * One interaction, start to answer. A lost race (another replica acknowledged it during a shard
 * hand-over, or it expired) is counted and logged at debug with no second reply: answering again would
 * only fail again. Any other failure is logged and the user told, if the interaction still allows it.
 */
export async function runInteraction(
  inc: Incoming,
  r: Responder,
  deps: InteractionDeps,
  guild: GuildLookups,
): Promise<void> {
  try {
    if (inc.kind === 'command') await onCommand(inc, r, deps, guild);
    else if (inc.kind === 'autocomplete') await onAutocomplete(inc, r, deps);
    else await onButton(inc, r, deps, guild);
  } catch (err) {
    const lost = lostRaceCode(err);
    if (lost !== undefined) {
      deps.onLost?.(lost);
      deps.logger.debug({ code: lost, type: inc.type }, 'discord interaction answered elsewhere or expired');
      return;
    }
    deps.logger.error(
      { err: err instanceof Error ? err.message : String(err), type: inc.type },
      'discord interaction failed',
    );
    if (inc.kind === 'autocomplete') return;
    // The interaction token may have expired; nothing left to tell the user.
    const failed: Reply = { kind: 'error', lines: [interactionTranslator(inc)('discord-failed')] };
    await r.fail(failed).catch(() => undefined);
  }
}
