import { isTopic, topicDestination } from '#src/domain/topics.js';
import { type Destination, resolveSettings } from '#src/domain/types.js';
import type { Translate } from '#src/i18n/catalog.js';
import { infoReply } from './replies.js';
import { dmDestination, layersFor } from './target.js';
import type { Command, CommandContext, CommandDeps, Reply } from './types.js';

/**
 * `/watchlist` (issue 20): what this place follows at a glance, one row per token. Everyone may ask,
 * anywhere: in a DM it is the caller's list; in a Telegram group or topic, that group's or topic's; in a
 * Discord channel, the channel's (or, when the channel follows nothing, the caller's own DM list).
 */

/**
 * Which kind of place a reply names, as a Fluent selector (`$place`): each language words "you", "this
 * topic", "this group" and "this channel" in its own sentence (grammatical case differs by language, so
 * a ready-made English label cannot be spliced in).
 */
export type PlaceKind = 'you' | 'topic' | 'group' | 'channel';

export function placeKind(d: Destination): PlaceKind {
  if (d.kind === 'dm') return 'you';
  if (isTopic(d)) return 'topic';
  return d.kind === 'group' ? 'group' : 'channel';
}

/** Where the list comes from, and how the reply names it. */
export function placeDestination(ctx: Pick<CommandContext, 'platform' | 'userId' | 'place'>): {
  destination: Destination;
  label: string;
} {
  const p = ctx.place;
  if (p.kind === 'group') {
    return p.threadId !== undefined && ctx.platform === 'telegram'
      ? { destination: topicDestination(p.chatId, p.threadId), label: 'this topic' }
      : {
          destination: { platform: ctx.platform, kind: 'group', id: p.chatId, parentId: p.chatId },
          label: 'this group',
        };
  }
  if (p.kind === 'channel') {
    return {
      destination: { platform: ctx.platform, kind: 'channel', id: p.channelId, parentId: p.parentId },
      label: 'this channel',
    };
  }
  return { destination: dmDestination(ctx), label: 'you' };
}

/**
 * The watchlist reply of `destination`: the table (and its footnote) and, when the place has charts on,
 * the card, in the caller's reply language. Shared by `/watchlist` and the daily brief's preview in `/brief`.
 */
export async function watchlistReply(
  destination: Destination,
  title: string,
  ctx: Pick<CommandContext, 'now' | 'locale' | 't'>,
  deps: CommandDeps,
): Promise<Reply | undefined> {
  const source = deps.watchlist;
  const subs = await deps.store.subscriptions.list(destination);
  if (subs.length === 0) return undefined;
  if (!source) return infoReply([ctx.t('watchlist-unavailable')]);
  const tokens = subs.map((s) => ({ tokenId: s.tokenId, symbol: s.symbol }));
  const layers = layersFor(destination);
  const [content, stored] = await Promise.all([
    source.content(tokens, ctx.now, ctx.t),
    deps.store.settings.getMany(layers.map((l) => l.scope)),
  ]);
  const charts = resolveSettings(...layers.map((l) => stored.get(l.scope))).charts;
  const image = charts ? await source.card(tokens, ctx.now, ctx.locale).catch(() => undefined) : undefined;
  return {
    kind: 'info',
    title,
    lines: [],
    table: content.table,
    ephemeral: false,
    ...(image ? { image } : {}),
  };
}

export const watchlistCommand: Command = {
  name: 'watchlist',
  description: 'Every token followed here at a glance: price, 24 h change, signal, grade, levels, Sharpe',
  usage: '/watchlist',
  access: 'everyone',
  options: [],
  async run(ctx, _args, deps) {
    const here = placeDestination(ctx).destination;
    const title = (d: Destination, count: number) => ctx.t('watchlist-title', { place: placeKind(d), count });
    const count = async (d: Destination) => (await deps.store.subscriptions.list(d)).length;
    const n = await count(here);
    if (n > 0) return (await watchlistReply(here, title(here, n), ctx, deps)) ?? empty(here, ctx.t);
    // A Discord channel that follows nothing: the caller's own list, ephemerally.
    if (here.kind === 'channel') {
      const dm = dmDestination(ctx);
      const mine = await count(dm);
      const own = mine > 0 ? await watchlistReply(dm, title(dm, mine), ctx, deps) : undefined;
      if (own) return { ...own, ephemeral: true, lines: [ctx.t('watchlist-channel-empty-own')] };
    }
    return empty(here, ctx.t);
  },
};

function empty(d: Destination, t: Translate): Reply {
  const place = placeKind(d);
  return infoReply([
    t('watchlist-empty', { place }),
    place === 'you' ? t('watchlist-empty-start-own') : t('watchlist-empty-start-place'),
  ]);
}
