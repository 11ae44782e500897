import { destinationKey, resolveSettings, type Settings } from '#src/domain/types.js';
import type { Translate } from '#src/i18n/catalog.js';
import { errorReply } from './replies.js';
import type { Target } from './target.js';
import type { CommandContext, CommandDeps, OptionSpec, Reply } from './types.js';

/**
 * Discord role pings (issue 20): `/channel subscribe SOL ping:@Traders` keeps the role in the channel's
 * own settings (`pingRoles`: token id → role id), beside `pingOn` (which kinds ping). The planner reads
 * both with the rest of the settings, so a ping costs no extra read per alert.
 */
export const PING_OPTION: OptionSpec = {
  name: 'ping',
  description: "Role to ping on this token's alerts (which ones: /channel settings pingon)",
  type: 'role',
  maxLength: 32,
};

/** Checks the role through the platform (same guild, pingable by the bot); nothing is changed here. */
export async function checkPingRole(
  ctx: CommandContext,
  roleId: string,
  target: Target,
): Promise<{ ok: true; name: string } | { ok: false; reply: Reply }> {
  if (!/^\d{1,25}$/.test(roleId)) return { ok: false, reply: errorReply(ctx.t('ping-not-role')) };
  if (!ctx.checkPingRole) return { ok: false, reply: errorReply(ctx.t('ping-discord-only')) };
  const r = await ctx.checkPingRole(roleId, target.destination.id, ctx.t);
  return r.ok
    ? r
    : {
        ok: false,
        reply: errorReply(
          ctx.t('ping-refused', { reason: r.reason.slice(0, 200) }),
          ctx.t('ping-nothing-changed'),
        ),
      };
}

/** Stores `roleId` as the ping of `tokenId` in the target's own settings. */
export async function setPingRole(
  target: Target,
  tokenId: number,
  roleId: string,
  deps: CommandDeps,
): Promise<Settings> {
  const scope = destinationKey(target.destination);
  const current = (await deps.store.settings.get(scope))?.pingRoles ?? {};
  return deps.store.settings.update(scope, { pingRoles: { ...current, [String(tokenId)]: roleId } });
}

/** Drops the pings of tokens the target no longer follows (after `/channel unsubscribe`). */
export async function prunePingRoles(target: Target, deps: CommandDeps): Promise<void> {
  const scope = destinationKey(target.destination);
  const current = (await deps.store.settings.get(scope))?.pingRoles;
  if (!current) return;
  const followed = new Set(
    (await deps.store.subscriptions.list(target.destination)).map((s) => String(s.tokenId)),
  );
  const kept = Object.entries(current).filter(([token]) => followed.has(token));
  if (kept.length === Object.keys(current).length) return;
  await deps.store.settings.update(scope, { pingRoles: kept.length > 0 ? Object.fromEntries(kept) : null });
}

/** The reply line that says what pings: `Pings @Traders on breakout, flip.` */
export async function pingLine(
  t: Translate,
  target: Target,
  roleName: string,
  deps: CommandDeps,
): Promise<string> {
  const stored = await deps.store.settings.getMany(target.layers.map((l) => l.scope));
  const eff = resolveSettings(...target.layers.map((l) => stored.get(l.scope)));
  return eff.pingOn.length > 0
    ? t('ping-line', { role: roleName, kinds: eff.pingOn.join(', ') })
    : t('ping-line-none', { role: roleName });
}
