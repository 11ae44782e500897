import { formatPrice } from '#src/domain/format.js';
import { describeParts, PRICE_ALERT_LIMITS, type PriceAlert } from '#src/domain/price-alerts.js';
import type { TokenInfo } from '#src/domain/types.js';
import { conditionHolds, factsOf, partHolds } from '#src/engine/rules/conditions.js';
import { argText } from './parse.js';
import { parsePriceAlert } from './price-alert-parse.js';
import { errorReply, infoReply, okReply, usageReply } from './replies.js';
import { SYMBOL_OPTION } from './subscriptions.js';
import {
  CHANNEL_OPTION,
  CHANNEL_PLATFORMS,
  resolveChannelTarget,
  resolveMemberTarget,
  type Target,
  type TargetResult,
} from './target.js';
import { resolveToken } from './tokens.js';
import type { Command, CommandContext, CommandDeps, OptionSpec, Reply } from './types.js';

/**
 * `/alert SOL above 210|below 180|move 5% 1h [once|every]`, `/alert delete <id>`, `/alerts`, and the
 * moderator forms `/channel alert ...`, `/channel alerts` (same permission checks as `/channel`).
 * In a Telegram group, an admin's `/alert` acts on the group (as `/subscribe` does).
 */
const CONDITION_OPTION: OptionSpec = {
  name: 'condition',
  description:
    'above 210 · move 5% 1h · signal bullish · grade >= 70, up to 3 joined by "and"; or delete <id>',
  type: 'string',
  maxLength: 160,
  rest: true,
};

const ALERT_SYMBOL: OptionSpec = { ...SYMBOL_OPTION, description: 'Token symbol (or delete)' };
const ID_RE = /^[a-z0-9]{6}$/;
const DELETE_WORDS = /^(delete|del|remove|rm)$/i;

/** `abc123  SOL above $210 and signal bullish (once)`: the condition as written. */
export function alertLine(a: PriceAlert): string {
  const repeat = a.repeat === 'once' ? 'once' : 'every time';
  return `${a.id}  ${a.symbol} ${a.condition.text} (${repeat})`;
}

function capOf(deps: CommandDeps): number {
  const n = deps.limits.maxPriceAlertsPerDestination;
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : PRICE_ALERT_LIMITS.perDestination;
}

const unavailable = () => infoReply(['Price alerts are not available on this bot.']);

/**
 * A note when the condition already holds: alerts fire on the edge (false, then true), so this one waits
 * for the condition to stop holding and hold again. Judged on the price and the token's stored facts.
 */
async function holdsNote(token: TokenInfo, a: PriceAlert, price: number | undefined, deps: CommandDeps) {
  const state = await (deps.market.state?.(token.tokenId) ?? Promise.resolve(undefined)).catch(
    () => undefined,
  );
  const ctx = { price, move: () => undefined, facts: factsOf(state) };
  const holds = conditionHolds(a.condition, ctx);
  // Token Metrics data this token has never had fetched (an alert-only token's first grade, say).
  const unknown = a.condition.parts.filter((p) => p.kind !== 'move' && partHolds(p, ctx) === undefined);
  if (unknown.length > 0) {
    return [
      `Not known yet for ${token.symbol}: ${describeParts(unknown)}. The data is fetched from the next update on; the alert waits for it.`,
    ];
  }
  if (holds !== true) return [];
  const one = a.condition.parts[0];
  if (a.condition.parts.length === 1 && (one?.kind === 'above' || one?.kind === 'below')) {
    return [
      `${token.symbol} is already ${one.kind} ${formatPrice(one.price)}: the alert fires when the price crosses it again.`,
    ];
  }
  return ['The condition holds already: the alert fires the next time it becomes true again.'];
}

async function addAlert(
  ctx: CommandContext,
  target: Target,
  token: TokenInfo,
  conditionRaw: string,
  deps: CommandDeps,
  usage: string,
): Promise<Reply> {
  const store = deps.store.priceAlerts;
  if (!store) return unavailable();
  const parsed = parsePriceAlert(conditionRaw);
  if (!parsed.ok) return usageReply(parsed.error, usage);
  const max = capOf(deps);
  const res = await store.add(
    {
      destination: target.destination,
      tokenId: token.tokenId,
      symbol: token.symbol,
      condition: parsed.value.condition,
      repeat: parsed.value.repeat,
      createdAt: ctx.now,
    },
    max,
  );
  if (!res.ok) {
    return errorReply(
      `${target.label === 'you' ? 'You have' : `${target.label.charAt(0).toUpperCase()}${target.label.slice(1)} has`} ${res.count} price alerts, the limit is ${max}.`,
      'Delete one first: /alerts shows their ids, /alert delete <id> removes one.',
    );
  }
  const view = await deps.market.view(token.tokenId).catch(() => undefined);
  const price = view?.price;
  const lines = [
    `Alert ${res.alert.id} set for ${target.label}: ${alertLine(res.alert).slice(res.alert.id.length + 2)}.`,
    ...(price === undefined ? [] : [`Price now: ${formatPrice(price)}.`]),
    ...(await holdsNote(token, res.alert, price, deps)),
    ...(res.alert.repeat === 'every' ? ['It fires at most once per cooldown (see /settings cooldown).'] : []),
    `Remove it with /alert delete ${res.alert.id}.`,
  ];
  return okReply(lines);
}

async function deleteAlert(target: Target, idRaw: string | undefined, deps: CommandDeps): Promise<Reply> {
  const store = deps.store.priceAlerts;
  if (!store) return unavailable();
  const id = (idRaw ?? '').trim().toLowerCase();
  if (!ID_RE.test(id)) {
    return usageReply(
      'Give the id of the alert to delete (6 letters and digits, see /alerts).',
      '/alert delete <id>',
    );
  }
  if (!(await store.remove(target.destination, id))) {
    return errorReply(`No price alert ${id} for ${target.label}. See /alerts for the ids.`);
  }
  return okReply([`Deleted price alert ${id}.`]);
}

async function listAlerts(target: Target, deps: CommandDeps): Promise<Reply> {
  const store = deps.store.priceAlerts;
  if (!store) return unavailable();
  const list = await store.list(target.destination);
  if (list.length === 0) {
    return infoReply([
      `No price alerts for ${target.label}.`,
      'Set one with /alert SOL above 210 or /alert SOL move 5% 1h.',
    ]);
  }
  return okReply(
    [...list.map(alertLine), '', 'Delete one with /alert delete <id>.'],
    `${target.label === 'you' ? 'Your price alerts' : `Price alerts of ${target.label}`} (${list.length}/${capOf(deps)})`,
  );
}

/** The shared body of `/alert` and `/channel alert` once the target is known. */
async function alertBody(
  ctx: CommandContext,
  t: TargetResult,
  args: Record<string, unknown>,
  deps: CommandDeps,
  usage: string,
) {
  if (!t.ok) return t.reply;
  const first = argText(args.symbol as string | undefined) ?? '';
  const condition = argText(args.condition as string | undefined);
  if (DELETE_WORDS.test(first)) return deleteAlert(t.target, condition, deps);
  if (condition === undefined) return usageReply('Say what to watch, e.g. above 210 or move 5% 1h.', usage);
  const tok = await resolveToken(first, deps);
  if (!tok.ok) return tok.reply;
  return addAlert(ctx, t.target, tok.token, condition, deps, usage);
}

const alert: Command = {
  name: 'alert',
  description: 'Your own alert: a price, a move, a level, a signal, grade or Sharpe, up to 3 joined by "and"',
  usage:
    '/alert SOL above 210|below 180|move 5% 1h|near support 2%|signal bullish|hourly bearish|grade >= 70|sharpe >= 1 [and ...] [once|every]  ·  /alert delete <id>',
  access: 'everyone',
  options: [ALERT_SYMBOL, CONDITION_OPTION],
  async run(ctx, args, deps) {
    // Validate before asking the platform anything: bad input changes nothing and costs nothing.
    const first = argText(args.symbol) ?? '';
    const condition = argText(args.condition);
    if (!DELETE_WORDS.test(first) && condition !== undefined) {
      const parsed = parsePriceAlert(condition);
      if (!parsed.ok) return usageReply(parsed.error, alert.usage);
    }
    return alertBody(ctx, await resolveMemberTarget(ctx, 'alerts'), args, deps, alert.usage);
  },
};

const alerts: Command = {
  name: 'alerts',
  description: 'List your price alerts with their ids',
  usage: '/alerts',
  access: 'everyone',
  options: [],
  async run(ctx, _args, deps) {
    const t = await resolveMemberTarget(ctx, 'alerts');
    return t.ok ? listAlerts(t.target, deps) : t.reply;
  },
};

export const channelAlert: Command = {
  name: 'alert',
  description: 'A price alert posted in a channel (or delete one)',
  usage:
    '/channel alert SOL above 210|move 5% 1h|signal bullish|grade >= 70 [and ...] [once|every]  ·  /channel alert delete <id>',
  access: 'moderator',
  platforms: CHANNEL_PLATFORMS,
  options: [ALERT_SYMBOL, CONDITION_OPTION, CHANNEL_OPTION],
  async run(ctx, args, deps) {
    const t = await resolveChannelTarget(ctx, argText(args.channel));
    return alertBody(ctx, t, args, deps, channelAlert.usage);
  },
};

export const channelAlerts: Command = {
  name: 'alerts',
  description: "A channel's price alerts with their ids",
  usage: '/channel alerts [#channel]',
  access: 'moderator',
  platforms: CHANNEL_PLATFORMS,
  options: [CHANNEL_OPTION],
  async run(ctx, args, deps) {
    const t = await resolveChannelTarget(ctx, argText(args.channel));
    return t.ok ? listAlerts(t.target, deps) : t.reply;
  },
};

export const priceAlertCommands: readonly Command[] = [alert, alerts];
