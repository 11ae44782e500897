import { formatDuration, formatTime } from '#src/domain/format.js';
import { type Destination, destinationKey, type TokenId } from '#src/domain/types.js';
import { parseDurationArg } from './parse.js';
import { errorReply, okReply } from './replies.js';
import { guarded } from './run.js';
import { MAX_MUTE_MS } from './settings-keys.js';
import { dmDestination } from './target.js';
import type { CommandContext, CommandDeps, PlatformContext, Reply } from './types.js';

/**
 * Alert buttons. The action strings are ours (Telegram callback_data, Discord custom_id), but the
 * client sends them back, so they are validated as untrusted input:
 * - `mute:<tokenId>:<duration>` mutes one token on the destination for up to 30 days;
 * - `unsub:<tokenId>` removes the token from the destination.
 * The platform passes the place of the message the button was under; in a group/channel the clicker
 * must be a moderator.
 */
const MUTE_RE = /^mute:([1-9]\d{0,11}):(\d{1,3}[mhdw])$/;
const UNSUB_RE = /^unsub:([1-9]\d{0,11})$/;

/** Builds the action strings platforms attach to alert buttons (≤ 64 bytes, Telegram's limit). */
export const actions = {
  mute: (tokenId: TokenId, duration = '1d') => `mute:${tokenId}:${duration}`,
  unsub: (tokenId: TokenId) => `unsub:${tokenId}`,
} as const;

async function destinationOf(ctx: CommandContext): Promise<Destination | Reply> {
  const place = ctx.place;
  if (place.kind === 'dm') return dmDestination(ctx);
  if (!(await ctx.isModerator())) return errorReply(ctx.t('action-moderators-only'));
  return place.kind === 'group'
    ? { platform: ctx.platform, kind: 'group', id: place.chatId, parentId: place.chatId }
    : { platform: ctx.platform, kind: 'channel', id: place.channelId, parentId: place.parentId };
}

async function symbolOf(ctx: CommandContext, tokenId: TokenId, deps: CommandDeps, known?: string) {
  if (known) return known;
  const info = await deps.directory.byId(tokenId);
  return info?.symbol ?? ctx.t('action-token-id', { id: String(tokenId) });
}

async function mute(dest: Destination, tokenId: TokenId, ms: number, ctx: CommandContext, deps: CommandDeps) {
  const scope = destinationKey(dest);
  const current = (await deps.store.settings.get(scope))?.tokenMutes ?? {};
  const until = ctx.now + ms;
  // Keep only mutes that still run, so the record cannot grow without bound.
  const tokenMutes: Record<string, number> = {};
  for (const [id, t] of Object.entries(current)) if (t > ctx.now) tokenMutes[id] = t;
  tokenMutes[String(tokenId)] = until;
  await deps.store.settings.update(scope, { tokenMutes });
  const sub = (await deps.store.subscriptions.list(dest)).find((s) => s.tokenId === tokenId);
  const symbol = await symbolOf(ctx, tokenId, deps, sub?.symbol);
  const args = { symbol, duration: formatDuration(ms), time: formatTime(until) };
  return okReply([ctx.t('action-muted', args)]);
}

async function unsub(dest: Destination, tokenId: TokenId, ctx: CommandContext, deps: CommandDeps) {
  const sub = (await deps.store.subscriptions.list(dest)).find((s) => s.tokenId === tokenId);
  if (!sub) {
    return okReply([ctx.t('action-already-unsubscribed', { symbol: await symbolOf(ctx, tokenId, deps) })]);
  }
  await deps.store.subscriptions.unsubscribe(dest, tokenId);
  const symbol = sub.symbol;
  return okReply([ctx.t('action-unsubscribed', { symbol }), ctx.t('action-undo', { symbol })]);
}

/** Handles an alert button. Never throws; a malformed action gets a short error and changes nothing. */
export function handleAction(action: string, rawCtx: PlatformContext, deps: CommandDeps): Promise<Reply> {
  return guarded(rawCtx, deps, async (ctx) => {
    const invalid = errorReply(ctx.t('action-invalid'));
    if (typeof action !== 'string' || action.length > 64) return invalid;
    const m = MUTE_RE.exec(action);
    const u = m ? null : UNSUB_RE.exec(action);
    const tokenId = Number(m?.[1] ?? u?.[1]);
    if (!Number.isSafeInteger(tokenId) || tokenId <= 0) return invalid;
    let ms = 0;
    if (m?.[2] !== undefined) {
      const d = parseDurationArg(m[2], 60_000, MAX_MUTE_MS, ctx.t);
      if (!d.ok) return invalid;
      ms = d.value;
    }
    const dest = await destinationOf(ctx);
    if ('lines' in dest) return dest;
    return m ? mute(dest, tokenId, ms, ctx, deps) : unsub(dest, tokenId, ctx, deps);
  });
}
