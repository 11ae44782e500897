import type { EffectiveSettings, Settings } from '../domain/types.js';
import { type Locale, SOURCE_LOCALE, supportedLocale } from './locales.js';

/**
 * Which language a destination reads (alerts, digests, briefs), from its merged settings layers:
 * its own `language` (a topic's, else its group's or channel's, else the server default's), else the
 * platform's language recorded for it (a DM: the user's client; a Discord channel: the server's
 * `guild_locale`, stored on the server-default layer), else English. Members' languages never enter a
 * channel's layers, so a member's language cannot change what a channel receives.
 */
export function destinationLocale(eff: Pick<EffectiveSettings, 'language' | 'platformLocale'>): Locale {
  return destinationLanguage(eff) ?? SOURCE_LOCALE;
}

/** `destinationLocale` without the English default: undefined when the destination has no language yet. */
export function destinationLanguage(
  eff: Pick<EffectiveSettings, 'language' | 'platformLocale'>,
): Locale | undefined {
  return eff.language ?? supportedLocale(eff.platformLocale);
}

/**
 * The platform's own language for a caller, where no setting is read (a limited or failed command, a
 * button toast): their client's (`language_code`, `locale`), else the Discord server's, else English.
 */
export function platformLocale(clientLocale?: string, guildLocale?: string): Locale {
  return supportedLocale(clientLocale) ?? supportedLocale(guildLocale) ?? SOURCE_LOCALE;
}

/** What a command's caller is, for the language of its reply. */
export interface ReplyLanguageInput {
  /** Where the reply is seen: a DM or Discord's ephemeral reply (the caller alone), or a Telegram group (everyone). */
  readonly audience: 'caller' | 'group';
  /** The caller's own DM settings (their `/settings language`). */
  readonly caller: Pick<Settings, 'language'> | undefined;
  /** The group's (topic's) merged `language`, for replies everyone in it reads. */
  readonly group?: Locale | null | undefined;
  /** The caller's client language as the platform sent it with this command. */
  readonly clientLocale?: string | undefined;
  /** The Discord server's `guild_locale` sent with this command. */
  readonly guildLocale?: string | undefined;
}

/**
 * The language of a reply. Seen by the caller alone: their setting, else their client's language, else
 * the server's, else English. Seen by a whole Telegram group: the group's setting, else the caller's
 * (they asked), else English.
 */
export function replyLocale(i: ReplyLanguageInput): Locale {
  const own = i.caller?.language ?? supportedLocale(i.clientLocale);
  if (i.audience === 'group') return i.group ?? own ?? SOURCE_LOCALE;
  return own ?? supportedLocale(i.guildLocale) ?? SOURCE_LOCALE;
}
