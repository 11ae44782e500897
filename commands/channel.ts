import { destinationKey } from '#src/domain/types.js';
import { parentScope } from '#src/store/ports.js';
import { channelBrief } from './brief.js';
import { channelExport } from './export.js';
import { argText, parseTypes } from './parse.js';
import { checkPingRole, PING_OPTION, pingLine, prunePingRoles, setPingRole } from './pings.js';
import { channelAlert, channelAlerts } from './price-alerts.js';
import { errorReply, infoReply, okReply, usageReply } from './replies.js';
import { handleSettings } from './settings.js';
import { SETTING_KEYS } from './settings-keys.js';
import { SYMBOL_OPTION, subscribeTarget, TYPES_OPTION, unsubscribeTarget } from './subscriptions.js';
import { CHANNEL_OPTION, CHANNEL_PLATFORMS, resolveChannelTarget, targetWho } from './target.js';
import { resolveToken } from './tokens.js';
import type { Command } from './types.js';
import { channelWebhook } from './webhooks.js';

/**
 * `/channel ...`: moderators wire Discord channels to tokens. Every handler re-checks the place and the
 * caller's permissions through resolveChannelTarget, whatever the client menu allowed.
 */
const subscribe: Command = {
  name: 'subscribe',
  description: 'Post alerts for a token in a channel',
  usage: '/channel subscribe SOL [#channel] [types] [ping:@role]',
  access: 'moderator',
  platforms: CHANNEL_PLATFORMS,
  options: [SYMBOL_OPTION, CHANNEL_OPTION, TYPES_OPTION, PING_OPTION],
  async run(ctx, args, deps) {
    const types = parseTypes(argText(args.types), ctx.t);
    if (!types.ok) return usageReply(types.error, subscribe.usage, ctx.t);
    const t = await resolveChannelTarget(ctx, argText(args.channel));
    if (!t.ok) return t.reply;
    const tok = await resolveToken(argText(args.symbol), deps, ctx.t);
    if (!tok.ok) return tok.reply;
    // The role is checked before anything is stored: a role the bot cannot ping changes nothing.
    const roleId = argText(args.ping);
    const role = roleId === undefined ? undefined : await checkPingRole(ctx, roleId, t.target);
    if (role && !role.ok) return role.reply;
    const reply = await subscribeTarget(ctx, t.target, tok.token, types.value, deps);
    if (!role || roleId === undefined || reply.kind !== 'ok') return reply;
    await setPingRole(t.target, tok.token.tokenId, roleId, deps);
    return { ...reply, lines: [...reply.lines, await pingLine(ctx.t, t.target, role.name, deps)] };
  },
};

const unsubscribe: Command = {
  name: 'unsubscribe',
  description: "Stop a token's alerts in a channel",
  usage: '/channel unsubscribe SOL|all [#channel]',
  access: 'moderator',
  platforms: CHANNEL_PLATFORMS,
  options: [{ ...SYMBOL_OPTION, description: 'Token symbol, or all' }, CHANNEL_OPTION],
  async run(ctx, args, deps) {
    const t = await resolveChannelTarget(ctx, argText(args.channel));
    if (!t.ok) return t.reply;
    const symbol = argText(args.symbol) ?? '';
    const reply = await unsubscribeTarget(ctx, t.target, symbol, undefined, deps, unsubscribe.usage);
    // A token the channel no longer follows keeps no role ping.
    if (reply.kind === 'ok') await prunePingRoles(t.target, deps);
    return reply;
  },
};

const list: Command = {
  name: 'list',
  description: "This server's channel subscriptions",
  usage: '/channel list',
  access: 'moderator',
  platforms: CHANNEL_PLATFORMS,
  options: [],
  async run(ctx, _args, deps) {
    const t = await resolveChannelTarget(ctx);
    if (!t.ok) return t.reply;
    const guildId = t.target.destination.parentId ?? '';
    const subs = await deps.store.subscriptions.listByParent(ctx.platform, guildId);
    const channelSubs = subs.filter((s) => s.destination.kind === 'channel');
    if (channelSubs.length === 0) {
      return infoReply([ctx.t('channel-list-empty'), ctx.t('channel-list-start')]);
    }
    const lines: string[] = [];
    let current = '';
    for (const s of channelSubs) {
      if (s.destination.id !== current) {
        current = s.destination.id;
        lines.push(ctx.t('channel-list-heading', { channel: current }));
      }
      lines.push(`  ${s.symbol}: ${s.types.join(', ')}`);
    }
    return okReply(lines, ctx.t('channel-list-title'));
  },
};

const settings: Command = {
  name: 'settings',
  description: "Show or change a channel's (or the server default) alert settings",
  usage: `/channel settings [${SETTING_KEYS.join('|')}] [value|reset] [#channel] [scope:channel|server]`,
  access: 'moderator',
  platforms: CHANNEL_PLATFORMS,
  options: [
    { name: 'key', description: 'Setting', type: 'string', maxLength: 32 },
    { name: 'value', description: 'New value, or reset', type: 'string', maxLength: 200 },
    CHANNEL_OPTION,
    {
      name: 'scope',
      description: 'channel (default) or server (the default every channel inherits)',
      type: 'string',
      maxLength: 16,
      choices: [
        { name: 'channel', value: 'channel' },
        { name: 'server', value: 'server' },
      ],
    },
  ],
  async run(ctx, args, deps) {
    const scope = (argText(args.scope) ?? 'channel').toLowerCase();
    if (scope !== 'channel' && scope !== 'server') {
      return usageReply(ctx.t('channel-scope'), settings.usage, ctx.t);
    }
    const t = await resolveChannelTarget(ctx, argText(args.channel));
    if (!t.ok) return t.reply;
    const d = t.target.destination;
    if (d.parentId === undefined) return errorReply(ctx.t('channel-no-server'));
    const server = scope === 'server';
    const writeScope = server ? parentScope(d.platform, d.parentId) : destinationKey(d);
    return handleSettings(
      {
        layers: t.target.layers,
        writeScope,
        owner: server ? 'server' : targetWho(t.target.destination),
        key: argText(args.key),
        value: argText(args.value),
        now: ctx.now,
        usage: settings.usage,
        // The reply is the moderator's own (ephemeral): a channel's language does not change it.
        t: ctx.t,
      },
      deps,
    );
  },
};

export const channelCommand: Command = {
  name: 'channel',
  description: 'Moderators: choose which channels get which token alerts',
  usage: '/channel subscribe|unsubscribe|list|settings|alert|alerts|webhook|export ...',
  access: 'moderator',
  platforms: CHANNEL_PLATFORMS,
  options: [],
  subcommands: [
    subscribe,
    unsubscribe,
    list,
    settings,
    channelAlert,
    channelAlerts,
    channelBrief,
    channelWebhook,
    channelExport,
  ],
};
