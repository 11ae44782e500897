import { formatPrice } from '#src/domain/format.js';
import { describeParts, PRICE_ALERT_LIMITS, type PriceAlert } from '#src/domain/price-alerts.js';
import { isTopic } from '#src/domain/topics.js';
import { type Condition, resolveSettings, type TokenInfo } from '#src/domain/types.js';
import { conditionHolds, factsOf, partHolds } from '#src/engine/rules/conditions.js';
import type { Translate } from '#src/i18n/catalog.js';
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
export function alertLine(a: PriceAlert, t: Translate): string {
  return `${a.id}  ${alertText(a, t)}`;
}

/** `SOL above $210 and signal bullish (once)`: the condition as written (its keywords stay English). */
function alertText(a: PriceAlert, t: Translate): string {
  const repeat = t(a.repeat === 'once' ? 'pricealert-once' : 'pricealert-every');
  return `${a.symbol} ${a.condition.text} (${repeat})`;
}

/**
 * Whose alerts a reply names, as a `$place` selector: `dm` (you), `topic`, `group`, `channel`. From the
 * destination itself, so the words are this catalog's whatever target.ts calls it.
 */
function placeOf(target: Target): string {
  const d = target.destination;
  return d.kind === 'dm' ? 'dm' : isTopic(d) ? 'topic' : d.kind;
}

function capOf(deps: CommandDeps): number {
  const n = deps.limits.maxPriceAlertsPerDestination;
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : PRICE_ALERT_LIMITS.perDestination;
}

const unavailable = (t: Translate) => infoReply([t('pricealert-unavailable')]);

/**
 * A note when the condition already holds: alerts fire on the edge (false, then true), so this one waits
 * for the condition to stop holding and hold again. Judged on the price and the token's stored facts.
 */
async function holdsNote(
  token: TokenInfo,
  a: PriceAlert,
  price: number | undefined,
  deps: CommandDeps,
  t: Translate,
) {
  const state = await (deps.market.state?.(token.tokenId) ?? Promise.resolve(undefined)).catch(
    () => undefined,
  );
  const ctx = { price, move: () => undefined, facts: factsOf(state) };
  const holds = conditionHolds(a.condition, ctx);
  // Token Metrics data this token has never had fetched (an alert-only token's first grade, say).
  const unknown = a.condition.parts.filter((p) => p.kind !== 'move' && partHolds(p, ctx) === undefined);
  if (unknown.length > 0) {
    return [t('pricealert-unknown', { symbol: token.symbol, parts: describeParts(unknown) })];
  }
  if (holds !== true) return [];
  const one = a.condition.parts[0];
  if (a.condition.parts.length === 1 && (one?.kind === 'above' || one?.kind === 'below')) {
    return [t('pricealert-already', { symbol: token.symbol, side: one.kind, price: formatPrice(one.price) })];
  }
  return [t('pricealert-holds')];
}

/**
 * `near` parts count the levels the place calls strong: its `minstrength` now, recorded on each part
 * (the alert is judged as it was set; a later change of the setting leaves it alone). One settings read,
 * only for a condition with a `near` part.
 */
async function withMinStrength(
  condition: Condition,
  target: Target,
  deps: CommandDeps,
): Promise<{ condition: Condition; minStrength?: number }> {
  if (!condition.parts.some((p) => p.kind === 'near')) return { condition };
  const stored = await deps.store.settings.getMany(target.layers.map((l) => l.scope));
  const minStrength = resolveSettings(...target.layers.map((l) => stored.get(l.scope))).minStrength;
  const parts = condition.parts.map((p) => (p.kind === 'near' ? { ...p, minStrength } : p));
  return { condition: { ...condition, parts }, minStrength };
}

async function addAlert(
  ctx: CommandContext,
  target: Target,
  token: TokenInfo,
  conditionRaw: string,
  deps: CommandDeps,
  usage: string,
): Promise<Reply> {
  const { t } = ctx;
  const store = deps.store.priceAlerts;
  if (!store) return unavailable(t);
  const parsed = parsePriceAlert(conditionRaw, t);
  if (!parsed.ok) return usageReply(parsed.error, usage, t);
  const { condition, minStrength } = await withMinStrength(parsed.value.condition, target, deps);
  const max = capOf(deps);
  const res = await store.add(
    {
      destination: target.destination,
      tokenId: token.tokenId,
      symbol: token.symbol,
      condition,
      repeat: parsed.value.repeat,
      createdAt: ctx.now,
    },
    max,
  );
  if (!res.ok) {
    return errorReply(
      t('pricealert-limit', { place: placeOf(target), count: res.count, max }),
      t('pricealert-limit-hint'),
    );
  }
  const view = await deps.market.view(token.tokenId).catch(() => undefined);
  const price = view?.price;
  const id = res.alert.id;
  const lines = [
    t('pricealert-set', { id, place: placeOf(target), alert: alertText(res.alert, t) }),
    ...(price === undefined ? [] : [t('pricealert-price-now', { price: formatPrice(price) })]),
    ...(await holdsNote(token, res.alert, price, deps, t)),
    ...(res.alert.repeat === 'every' ? [t('pricealert-every-cooldown')] : []),
    ...(minStrength === undefined ? [] : [t('pricealert-near-strength', { min: minStrength })]),
    t('pricealert-remove', { id }),
  ];
  return okReply(lines);
}

async function deleteAlert(
  target: Target,
  idRaw: string | undefined,
  deps: CommandDeps,
  t: Translate,
): Promise<Reply> {
  const store = deps.store.priceAlerts;
  if (!store) return unavailable(t);
  const id = (idRaw ?? '').trim().toLowerCase();
  if (!ID_RE.test(id)) return usageReply(t('pricealert-delete-id'), '/alert delete <id>', t);
  if (!(await store.remove(target.destination, id))) {
    return errorReply(t('pricealert-delete-unknown', { id, place: placeOf(target) }));
  }
  return okReply([t('pricealert-deleted', { id })]);
}

async function listAlerts(target: Target, deps: CommandDeps, t: Translate): Promise<Reply> {
  const store = deps.store.priceAlerts;
  if (!store) return unavailable(t);
  const list = await store.list(target.destination);
  const place = placeOf(target);
  if (list.length === 0) return infoReply([t('pricealert-list-none', { place }), t('pricealert-list-hint')]);
  return okReply(
    [...list.map((a) => alertLine(a, t)), '', t('pricealert-list-delete')],
    t('pricealert-list-title', { place, count: `${list.length}/${capOf(deps)}` }),
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
  if (DELETE_WORDS.test(first)) return deleteAlert(t.target, condition, deps, ctx.t);
  if (condition === undefined) return usageReply(ctx.t('pricealert-say-what'), usage, ctx.t);
  const tok = await resolveToken(first, deps, ctx.t);
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
      const parsed = parsePriceAlert(condition, ctx.t);
      if (!parsed.ok) return usageReply(parsed.error, alert.usage, ctx.t);
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
    return t.ok ? listAlerts(t.target, deps, ctx.t) : t.reply;
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
    return t.ok ? listAlerts(t.target, deps, ctx.t) : t.reply;
  },
};

export const priceAlertCommands: readonly Command[] = [alert, alerts];
