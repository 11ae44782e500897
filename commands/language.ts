import { destinationKey, resolveSettings, type Settings } from '#src/domain/types.js';
import { translatorFor } from '#src/i18n/catalog.js';
import type { Locale } from '#src/i18n/locales.js';
import { platformLocale, replyLocale } from '#src/i18n/resolve.js';
import { parentScope } from '#src/store/ports.js';
import { dmDestination, layersFor } from './target.js';
import type { CommandContext, CommandDeps, PlatformContext } from './types.js';
import { placeDestination } from './watchlist.js';

/** The reply's language, and how to record the platform's tags once the command has done its work. */
export interface Language {
  readonly locale: Locale;
  /** Stores the tags that changed; never throws. Called only after a command that succeeded (an `ok` reply). */
  record(): Promise<void>;
}

/**
 * The reply's language for one command (issue 22), from one settings read: the caller's DM settings,
 * the group's (topic's) layers when the reply is public, and the server default where the platform's
 * `guild_locale` is recorded. `record` stores the platform's tags when they changed, so alerts later
 * reach a DM in its user's client language and a Discord channel in its server's; a refused command
 * records nothing (bad input changes nothing).
 */
export async function languageOf(ctx: PlatformContext, deps: CommandDeps): Promise<Language> {
  const fallback = platformLocale(ctx.clientLocale, ctx.guildLocale);
  try {
    const dmScope = destinationKey(dmDestination(ctx));
    const groupScopes =
      ctx.place.kind === 'group' ? layersFor(placeDestination(ctx).destination).map((l) => l.scope) : [];
    const guildScope =
      ctx.place.kind === 'channel' && ctx.guildLocale !== undefined
        ? parentScope(ctx.platform, ctx.place.parentId)
        : undefined;
    const scopes = [dmScope, ...groupScopes, ...(guildScope ? [guildScope] : [])];
    const got = await deps.store.settings.getMany(scopes);
    const locale = replyLocale({
      audience: ctx.place.kind === 'group' ? 'group' : 'caller',
      caller: got.get(dmScope),
      group: groupScopes.length > 0 ? resolveSettings(...groupScopes.map((s) => got.get(s))).language : null,
      clientLocale: ctx.clientLocale,
      guildLocale: ctx.guildLocale,
    });
    const record = async () => {
      try {
        await saveTag(deps, dmScope, got.get(dmScope), ctx.clientLocale);
        if (guildScope) await saveTag(deps, guildScope, got.get(guildScope), ctx.guildLocale);
      } catch {
        // Recorded on the next command instead.
      }
    };
    return { locale, record };
  } catch {
    // A store hiccup must not block the command: the platform's own language is the next best.
    return { locale: fallback, record: async () => {} };
  }
}

/** Stores the platform's tag when it is new (a user switching their app's language, a server its locale). */
async function saveTag(
  deps: CommandDeps,
  scope: string,
  stored: Settings | undefined,
  tag: string | undefined,
) {
  if (tag === undefined || tag.length > 35 || stored?.platformLocale === tag) return;
  await deps.store.settings.update(scope, { platformLocale: tag });
}

/** The handlers' context: the platform's, with the reply's language and its translator. */
export function withLanguage<C extends PlatformContext>(ctx: C, locale: Locale): C & CommandContext {
  return { ...ctx, locale, t: translatorFor(locale) };
}
