import { DEFAULT_ALERT_TYPES, type Platform } from '#src/domain/types.js';
import type { Translate } from '#src/i18n/catalog.js';
import { backtestCommand } from './backtest.js';
import { briefCommand } from './brief.js';
import { channelCommand } from './channel.js';
import { chartCommand } from './chart.js';
import { exportCommand } from './export.js';
import { marketCommands } from './market.js';
import { commandDescription, optionDescription } from './meta-text.js';
import { argText } from './parse.js';
import { priceAlertCommands } from './price-alerts.js';
import { errorReply, infoReply, usageLine } from './replies.js';
import { settingsCommands } from './settings.js';
import { KEY_DEFS, SETTING_KEYS } from './settings-keys.js';
import { statsCommand } from './stats.js';
import { subscribeTarget, subscriptionCommands } from './subscriptions.js';
import { dmDestination, layersFor } from './target.js';
import { resolveToken } from './tokens.js';
import type { Command, CommandContext } from './types.js';
import { watchlistCommand } from './watchlist.js';
import { webhookCommands } from './webhooks.js';
import { whyCommand } from './why.js';

/** Whether `cmd` is offered to this caller on this platform. */
export function visibleTo(cmd: Command, platform: Platform, isModerator: boolean): boolean {
  const onPlatform = !cmd.platforms || cmd.platforms.includes(platform);
  return onPlatform && (cmd.access === 'everyone' || isModerator);
}

/**
 * The help text lines in the translator's language: only the commands this caller may use here.
 * Usages stay as typed; descriptions come from the menu catalog (the spec's English when it has none).
 */
export function helpText(t: Translate, platform: Platform, isModerator: boolean): string[] {
  const lines = [t('help-intro'), ''];
  for (const cmd of commands) {
    if (!visibleTo(cmd, platform, isModerator)) continue;
    if (cmd.subcommands) {
      for (const sub of cmd.subcommands) {
        lines.push(`${sub.usage}: ${commandDescription(t, [cmd.name, sub.name], sub)}`);
      }
    } else {
      lines.push(`${cmd.usage}: ${commandDescription(t, [cmd.name], cmd)}`);
    }
  }
  if (isModerator && platform === 'telegram') lines.push('', t('help-group-admin'));
  lines.push('', t('help-details'));
  return lines;
}

/** Moderator status for help: in a DM there is nothing to moderate, so no platform call. */
async function moderatorHere(ctx: CommandContext): Promise<boolean> {
  return ctx.place.kind === 'dm' ? false : ctx.isModerator();
}

/** `/help <command>`: description, usage, options, subcommands and (settings) the keys' accepted values. */
function commandHelp(t: Translate, cmd: Command): string[] {
  const path = [cmd.name];
  const lines = [commandDescription(t, path, cmd), usageLine(t, cmd.usage)];
  for (const o of cmd.options) {
    const name = o.required ? o.name : t('help-optional', { name: o.name });
    lines.push(`  ${name}: ${optionDescription(t, path, o)}`);
  }
  for (const s of cmd.subcommands ?? []) {
    lines.push(`  ${s.usage}: ${commandDescription(t, [cmd.name, s.name], s)}`);
  }
  if (cmd.name === 'settings' || cmd.name === 'channel') {
    lines.push(t('help-keys'), ...SETTING_KEYS.map((k) => `  ${k}: ${KEY_DEFS[k].hint(t)}`));
  }
  return lines;
}

const help: Command = {
  name: 'help',
  description: 'What I can do, or details about one command',
  usage: '/help [command]',
  access: 'everyone',
  options: [
    { name: 'command', description: 'A command name, e.g. subscribe', type: 'string', maxLength: 32 },
  ],
  async run(ctx, args) {
    const isMod = await moderatorHere(ctx);
    const name = argText(args.command);
    if (name === undefined) return infoReply(helpText(ctx.t, ctx.platform, isMod), ctx.t('help-title'));
    const cmd = findCommand(name);
    if (!cmd || !visibleTo(cmd, ctx.platform, isMod)) {
      return errorReply(ctx.t('help-unknown'), ctx.t('help-send-help'));
    }
    return infoReply(commandHelp(ctx.t, cmd), `/${cmd.name}`);
  },
};

const DEEP_LINK_SUB = /^sub_([A-Za-z0-9]{1,15})$/;

const start: Command = {
  name: 'start',
  description: 'Welcome, and deep links such as subscribing from a group',
  usage: '/start',
  access: 'everyone',
  platforms: ['telegram', 'console'],
  options: [{ name: 'payload', description: 'Deep-link payload', type: 'string', maxLength: 64 }],
  async run(ctx, args, deps) {
    const payload = argText(args.payload);
    const m = payload === undefined ? null : DEEP_LINK_SUB.exec(payload);
    // Deep links only ever subscribe the caller's own private chat.
    if (m?.[1] !== undefined && ctx.place.kind === 'dm') {
      const tok = await resolveToken(m[1], deps, ctx.t);
      if (!tok.ok) return tok.reply;
      const dm = dmDestination(ctx);
      const reply = await subscribeTarget(
        ctx,
        { destination: dm, label: 'you', layers: layersFor(dm) },
        tok.token,
        DEFAULT_ALERT_TYPES,
        deps,
      );
      return {
        ...reply,
        lines: [ctx.t('start-welcome'), ...reply.lines, ctx.t('start-see-help')],
      };
    }
    const lines = helpText(ctx.t, ctx.platform, await moderatorHere(ctx));
    return infoReply(lines, ctx.t('start-welcome'));
  },
};

/** Every command, in help order. */
export const commands: readonly Command[] = [
  start,
  help,
  ...subscriptionCommands,
  ...marketCommands,
  whyCommand,
  statsCommand,
  chartCommand,
  ...priceAlertCommands,
  backtestCommand,
  ...settingsCommands,
  channelCommand,
  watchlistCommand,
  briefCommand,
  ...webhookCommands,
  exportCommand,
];

/**
 * A command by name (case-insensitive, leading `/` allowed). For commands with subcommands, `sub`
 * picks one (undefined when it does not exist); for commands without, `sub` is ignored.
 */
export function findCommand(name: string, sub?: string): Command | undefined {
  const n = name.trim().replace(/^\//, '').toLowerCase();
  const cmd = commands.find((c) => c.name === n);
  if (!cmd?.subcommands || sub === undefined) return cmd;
  const s = sub.trim().toLowerCase();
  return cmd.subcommands.find((c) => c.name === s);
}

/**
 * Text platforms: splits `/channel subscribe SOL` or `/subscribe@mybot SOL` into the command and the
 * text of its arguments. Undefined when the text is not one of our commands (or is addressed to
 * another bot).
 */
export function matchTextCommand(
  text: string,
  botUsername?: string,
): { readonly command: Command; readonly argsText: string } | undefined {
  const m = /^\/([A-Za-z_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m?.[1]) return undefined;
  if (m[2] !== undefined && botUsername !== undefined && m[2].toLowerCase() !== botUsername.toLowerCase()) {
    return undefined;
  }
  const cmd = findCommand(m[1]);
  if (!cmd) return undefined;
  const rest = m[3] ?? '';
  if (!cmd.subcommands) return { command: cmd, argsText: rest };
  const sm = /^(\S+)\s*([\s\S]*)$/.exec(rest);
  const sub = sm?.[1] ? findCommand(cmd.name, sm[1]) : undefined;
  return sub ? { command: sub, argsText: sm?.[2] ?? '' } : { command: cmd, argsText: rest };
}
