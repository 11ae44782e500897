import { ALERT_TYPES, type AlertType, type TokenInfo } from '#src/domain/types.js';
import type { Translate } from '#src/i18n/catalog.js';
import { capRefusal, limitOf } from './limits.js';
import { argText, MAX_STRING_INPUT, MAX_SYMBOL_INPUT, parseSymbol, parseTypes } from './parse.js';
import { infoReply, okReply, usageReply } from './replies.js';
import { resolveMemberTarget, type Target, targetWho } from './target.js';
import { resolveToken } from './tokens.js';
import type { Command, CommandContext, CommandDeps, OptionSpec, Reply } from './types.js';

/** What the shared subscribe/unsubscribe bodies need of the command's context. */
type Ctx = Pick<CommandContext, 'now' | 't'>;

/** Options shared by the member and channel forms. */
export const SYMBOL_OPTION: OptionSpec = {
  name: 'symbol',
  description: 'Token symbol, e.g. SOL',
  type: 'string',
  required: true,
  autocomplete: 'symbol',
  maxLength: MAX_SYMBOL_INPUT,
};

export const TYPES_OPTION: OptionSpec = {
  name: 'types',
  description: `Alert types: ${ALERT_TYPES.join(', ')} or all (default: all but hourly)`,
  type: 'string',
  maxLength: MAX_STRING_INPUT,
  rest: true,
};

/** Defaults for CommandDeps.limits. */
export const DEFAULT_COMMAND_LIMITS = { maxSubscriptionsPerDestination: 25 } as const;

/** The configured cap, or the default when the configured value is not a positive integer. */
function capOf(deps: CommandDeps): number {
  const n = deps.limits.maxSubscriptionsPerDestination;
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_COMMAND_LIMITS.maxSubscriptionsPerDestination;
}

const tokenName = (t: TokenInfo) => (t.name && t.name !== t.symbol ? ` (${t.name.slice(0, 40)})` : '');

/** A server's channels (or a group) together may not exceed maxSubscriptionsPerParent. */
async function parentCapRefusal(t: Translate, target: Target, deps: CommandDeps): Promise<Reply | undefined> {
  const d = target.destination;
  if (d.kind === 'dm' || d.parentId === undefined) return undefined;
  const all = await deps.store.subscriptions.listByParent(d.platform, d.parentId);
  const max = limitOf(deps, 'maxSubscriptionsPerParent');
  const where = d.kind === 'group' ? 'group' : 'server';
  return capRefusal(deps, d.platform, 'guild_subscriptions', all.length, max, [
    t('subscribe-parent-cap', { where, count: all.length, max }),
    t('subscribe-parent-hint', { command: d.kind === 'group' ? '/unsubscribe' : '/channel unsubscribe' }),
  ]);
}

/** Subscribes a resolved target to a token, enforcing the per-destination and per-server caps. Shared by /start too. */
export async function subscribeTarget(
  ctx: Ctx,
  target: Target,
  token: TokenInfo,
  types: readonly AlertType[],
  deps: CommandDeps,
): Promise<Reply> {
  const { t, now } = ctx;
  const who = targetWho(target.destination);
  const subs = deps.store.subscriptions;
  const existing = await subs.list(target.destination);
  const current = existing.find((s) => s.tokenId === token.tokenId);
  const max = capOf(deps);
  const platform = target.destination.platform;
  if (!current) {
    const refusal =
      capRefusal(deps, platform, 'subscriptions', existing.length, max, [
        t('subscribe-cap', { who, count: existing.length, max }),
        t('subscribe-cap-hint'),
      ]) ?? (await parentCapRefusal(t, target, deps));
    if (refusal) return refusal;
  }
  const stored = await subs.subscribe(target.destination, token.tokenId, token.symbol, types, now);
  const args = { who, symbol: token.symbol, types: stored.types.join(', ') };
  const lines = [
    current ? t('subscribe-covers', args) : t('subscribe-done', { ...args, name: tokenName(token) }),
  ];
  if (target.destination.kind === 'dm' && target.destination.platform === 'discord') {
    lines.push(t('subscribe-discord-dms'));
  }
  return okReply(lines);
}

const subscribe: Command = {
  name: 'subscribe',
  description: 'Get alerts for a token',
  usage: '/subscribe SOL [signal,hourly,levels,risk,grade|all]',
  access: 'everyone',
  options: [SYMBOL_OPTION, TYPES_OPTION],
  async run(ctx, args, deps) {
    const types = parseTypes(argText(args.types), ctx.t);
    if (!types.ok) return usageReply(types.error, subscribe.usage, ctx.t);
    const tok = await resolveToken(argText(args.symbol), deps, ctx.t);
    if (!tok.ok) return tok.reply;
    const t = await resolveMemberTarget(ctx, 'subscribe', tok.symbol);
    if (!t.ok) return t.reply;
    return subscribeTarget(ctx, t.target, tok.token, types.value, deps);
  },
};

/**
 * Removes a token (or some of its types) from a target. `symbolRaw` `all` removes every token.
 * Stored subscriptions are matched by symbol first, so a token the directory forgot can still go.
 */
export async function unsubscribeTarget(
  ctx: Ctx,
  target: Target,
  symbolRaw: string,
  typesRaw: string | undefined,
  deps: CommandDeps,
  usage: string,
): Promise<Reply> {
  const { t } = ctx;
  const who = targetWho(target.destination);
  const subs = deps.store.subscriptions;
  const existing = await subs.list(target.destination);
  if (symbolRaw.toLowerCase() === 'all') {
    for (const s of existing) await subs.unsubscribe(target.destination, s.tokenId);
    return okReply([
      existing.length > 0
        ? t('subscribe-removed-all', { who, count: existing.length })
        : t('subscribe-had-none', { who }),
    ]);
  }
  const sym = parseSymbol(symbolRaw, t);
  if (!sym.ok) return usageReply(sym.error, usage, t);
  let current = existing.find((s) => s.symbol.toUpperCase() === sym.value);
  if (!current) {
    const token = await deps.directory.resolve(sym.value);
    current = token ? existing.find((s) => s.tokenId === token.tokenId) : undefined;
  }
  if (!current) return infoReply([t('subscribe-not-subscribed', { who, symbol: sym.value })]);
  const parsedTypes = typesRaw === undefined ? undefined : parseTypes(typesRaw, t);
  if (parsedTypes && !parsedTypes.ok) return usageReply(parsedTypes.error, usage, t);
  const removing = parsedTypes?.value;
  const all = removing === undefined || removing.length === ALERT_TYPES.length;
  await subs.unsubscribe(target.destination, current.tokenId, all ? undefined : removing);
  const left = all ? [] : current.types.filter((type) => !removing.includes(type));
  const symbol = current.symbol;
  return okReply([
    left.length === 0
      ? t('subscribe-unsubscribed', { who, symbol })
      : t('subscribe-stopped', { symbol, types: removing?.join(', ') ?? '', left: left.join(', ') }),
  ]);
}

const unsubscribe: Command = {
  name: 'unsubscribe',
  description: 'Stop alerts for a token (or some alert types of it)',
  usage: '/unsubscribe SOL [types|all]  ·  /unsubscribe all',
  access: 'everyone',
  options: [{ ...SYMBOL_OPTION, description: 'Token symbol, or all' }, TYPES_OPTION],
  async run(ctx, args, deps) {
    const symbolRaw = argText(args.symbol) ?? '';
    const sym = symbolRaw.toLowerCase() === 'all' ? undefined : parseSymbol(symbolRaw, ctx.t);
    if (sym && !sym.ok) return usageReply(sym.error, unsubscribe.usage, ctx.t);
    const t = await resolveMemberTarget(ctx, 'unsubscribe');
    if (!t.ok) return t.reply;
    return unsubscribeTarget(ctx, t.target, symbolRaw, argText(args.types), deps, unsubscribe.usage);
  },
};

/** Lines listing a destination's subscriptions. */
export function subscriptionLines(
  list: ReadonlyArray<{ symbol: string; types: readonly AlertType[] }>,
): string[] {
  return list.map((s) => `${s.symbol}: ${s.types.join(', ')}`);
}

const subscriptions: Command = {
  name: 'subscriptions',
  description: 'List the tokens you get alerts for',
  usage: '/subscriptions',
  access: 'everyone',
  options: [],
  async run(ctx, _args, deps) {
    const t = await resolveMemberTarget(ctx, 'list');
    if (!t.ok) return t.reply;
    const list = await deps.store.subscriptions.list(t.target.destination);
    const max = capOf(deps);
    const who = targetWho(t.target.destination);
    if (list.length === 0) {
      return infoReply([ctx.t('subscribe-none-yet', { who }), ctx.t('subscribe-start-with')]);
    }
    const title = ctx.t('subscribe-list-title', { who, count: list.length, max });
    return okReply(subscriptionLines(list), title);
  },
};

export const subscriptionCommands: readonly Command[] = [subscribe, unsubscribe, subscriptions];
