import type { ChartRange } from '#src/charts/types.js';
import type { PostDeps } from '#src/delivery/webhooks/post.js';
import type { DataKind, TokenDirectory } from '#src/domain/market.js';
import type { Destination, Platform, TokenId } from '#src/domain/types.js';
import type { TokenView } from '#src/domain/view.js';
import type { TokenState } from '#src/engine/types.js';
import type { Translate } from '#src/i18n/catalog.js';
import type { Locale } from '#src/i18n/locales.js';
import type { Store } from '#src/store/ports.js';
import type { WatchlistService } from '#src/watchlist/service.js';

/**
 * Platform-neutral command definitions. Discord turns them into slash commands (subcommands become
 * Discord subcommands), Telegram into `/name arg1 arg2` with positional options in declared order
 * (see parseTextArgs), the console into the same text form.
 */
export type OptionType = 'string' | 'number' | 'integer' | 'boolean' | 'channel' | 'role';

export interface OptionSpec {
  readonly name: string;
  readonly description: string;
  readonly type: OptionType;
  readonly required?: boolean;
  /** Discord: autocomplete from the token directory. */
  readonly autocomplete?: 'symbol';
  readonly choices?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  /** Text platforms: this option swallows the rest of the line (e.g. `/quiet 22:00-07:00 Europe/Berlin`). */
  readonly rest?: boolean;
}

/**
 * Who may run it and on what. `self`: acts on the caller's own DM destination (members).
 * `here`: acts on the channel/group it was issued in (moderators, checked server-side by the platform
 * through CommandContext.isModerator before the handler changes anything).
 */
export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
  /** Discord subcommands (`/channel subscribe`). Text platforms: `/channel subscribe SOL`. */
  readonly subcommands?: readonly CommandSpec[];
  readonly access: 'everyone' | 'moderator';
  /** One-line usage for help texts and error replies, e.g. `/subscribe SOL [signal,levels]`. */
  readonly usage: string;
  /** Platforms where the command exists (default all). */
  readonly platforms?: readonly Platform[];
}

export type ArgValue = string | number | boolean;
export type Args = Readonly<Record<string, ArgValue | undefined>>;

/** Where a command was issued, as the platform saw it. */
export type Place =
  | { readonly kind: 'dm' }
  /** Discord guild channel: parentId = guild id, channelId = channel id. */
  | { readonly kind: 'channel'; readonly parentId: string; readonly channelId: string }
  /**
   * Telegram group/supergroup: parentId = chatId = chat id. `threadId`: the forum topic the command was
   * sent in (absent in General and in groups without topics).
   */
  | {
      readonly kind: 'group';
      readonly parentId: string;
      readonly chatId: string;
      readonly threadId?: string;
    };

/** What a platform adapter knows of a command's caller; the runner adds the reply's language. */
export interface PlatformContext {
  readonly platform: Platform;
  readonly userId: string;
  readonly place: Place;
  /** Epoch ms. */
  readonly now: number;
  /** The caller's client language as sent with this command (Telegram `language_code`, Discord `locale`). */
  readonly clientLocale?: string;
  /** Discord: the server's `guild_locale` (Community servers); absent elsewhere. */
  readonly guildLocale?: string;
  /** Server-side moderator check (Discord Manage Channels/Server, Telegram getChatMember admin). */
  isModerator(): Promise<boolean>;
  /**
   * Discord `/channel subscribe ... channel:#x`: checks the channel belongs to the place's guild and the
   * bot can post there. Returns the destination or a reason to refuse, worded with `t` (the caller's
   * reply language). Absent on platforms without it.
   */
  resolveChannel?(
    channelId: string,
    t: Translate,
  ): Promise<{ ok: true; destination: Destination } | { ok: false; reason: string }>;
  /**
   * Discord `/channel subscribe ... ping:@role`: the role must be of this guild, and the bot must be able
   * to ping it in `channelId` (the role is mentionable, or the bot has Mention Everyone there). Returns
   * the role's name or a reason to refuse, worded with `t`. Absent on platforms without roles.
   */
  checkPingRole?(
    roleId: string,
    channelId: string,
    t: Translate,
  ): Promise<{ ok: true; name: string } | { ok: false; reason: string }>;
}

/** A command's context as handlers see it: the platform's, plus the language of the reply. */
export interface CommandContext extends PlatformContext {
  /** The reply's language (src/i18n/resolve.ts replyLocale). */
  readonly locale: Locale;
  /** Translator for `locale`: every line a handler writes comes from it. */
  readonly t: Translate;
}

/** A platform-neutral reply. All strings are plain text; each platform escapes them for its markup. */
export interface Reply {
  readonly kind: 'ok' | 'error' | 'info';
  readonly title?: string;
  readonly lines: readonly string[];
  /** Discord: ephemeral. Telegram: ignored (groups see replies). */
  readonly ephemeral?: boolean;
  /** Telegram: a deep link to continue in a private chat (`https://t.me/<bot>?start=<payload>`). */
  readonly deepLinkPayload?: string;
  readonly buttons?: ReadonlyArray<{ readonly label: string; readonly action: string }>;
  /**
   * Aligned monospaced lines shown after `lines` (/stats): Telegram an HTML `<pre>` block, Discord an
   * embed with a code block, the console as is. Plain text; each platform escapes it.
   */
  readonly table?: readonly string[];
  /**
   * Rate limited again in the same window: text platforms send nothing (no channel spam); Discord, which
   * must answer every interaction, shows it ephemerally.
   */
  readonly silent?: boolean;
  /**
   * A picture to send with the reply (`/chart`). Discord: an attachment shown as the embed's image;
   * Telegram: sendPhoto with the reply as caption (≤ 1,024 characters, else photo then text).
   * Platforms that cannot show it send the lines alone.
   */
  readonly image?: ReplyImage;
  /**
   * A file to send with the reply (`/export`'s CSV). Telegram: sendDocument after the text; Discord: an
   * attachment of the reply. Platforms that cannot send files send the lines alone.
   */
  readonly document?: ReplyDocument;
  /**
   * The language the reply is written in (set by the runner; absent: English). Platforms write the
   * words they add themselves (a deep-link button, a toast, a fallback note) in it.
   */
  readonly locale?: Locale;
}

/** File bytes, the name the platform shows and its media type (e.g. `text/csv`). */
export interface ReplyDocument {
  readonly bytes: Uint8Array;
  readonly filename: string;
  readonly contentType: string;
}

/** PNG bytes and the file name the platform shows (e.g. `sol-7d.png`). */
export interface ReplyImage {
  readonly png: Uint8Array;
  readonly filename: string;
  /** Plain-text description (alt text). */
  readonly alt: string;
}

/** Read-only market view for /levels and /signal, provided by the app (stored snapshot, or a fetch). */
export interface MarketView {
  view(tokenId: TokenId): Promise<TokenView | undefined>;
  /** Kinds of data the API plan refuses now (a command that needs them says so). Absent: none. */
  unavailable?(): readonly DataKind[];
  /** The engine's last state of the token (for /why: level phases, threshold sides). */
  state?(tokenId: TokenId): Promise<TokenState | undefined>;
  /** Where prices come from, for /why (e.g. "Token Metrics", "replay"). */
  readonly priceSource?: string;
}

export interface CommandLimits {
  /** Max tokens one destination may subscribe to. Default 25. */
  readonly maxSubscriptionsPerDestination: number;
  /** Subscriptions over all channels of one Discord guild / Telegram group. Default 100. */
  readonly maxSubscriptionsPerParent?: number;
  /** Custom alerts per destination (for /alert). Default 10. */
  readonly maxCustomAlertsPerDestination?: number;
  /** Custom alerts per guild/group (for /alert). Default 50. */
  readonly maxCustomAlertsPerParent?: number;
  /** Commands (and buttons) per user and window. Default 10. */
  readonly commandsPerWindow?: number;
  /** The rate-limit window, ms. Default 60000. */
  readonly commandWindowMs?: number;
  /** Max own price alerts per destination. Default 20 (PRICE_ALERT_LIMITS.perDestination). */
  readonly maxPriceAlertsPerDestination?: number;
}

/** Which abuse limit was hit (metric label `limit`). */
export type LimitKind =
  | 'rate'
  | 'subscriptions'
  | 'guild_subscriptions'
  | 'custom_alerts'
  | 'guild_custom_alerts'
  | 'arg_length';

/** Per-user fixed-window command counter (shared by replicas when the store is Redis). */
export interface CommandRateLimiter {
  /** Counts one command of the user; returns how many they used in the current window and when it ends (epoch ms). */
  hit(platform: Platform, userId: string, now: number): Promise<{ count: number; windowEnd: number }>;
}

/** Draws `/chart`: provided by the app (src/charts/service.ts), absent where charts are not wired. */
export interface ChartProvider {
  tokenChart(req: {
    readonly tokenId: TokenId;
    readonly symbol: string;
    readonly range: ChartRange;
    readonly now: number;
    /** The reader's language: the chart's labels and month names (absent: English). */
    readonly locale?: Locale;
  }): Promise<ReplyImage>;
}

export interface CommandDeps {
  /** `outcomes` (/stats), `suppressions`, `marks` and `counters` (/why), `priceAlerts` and `priceHistory` (/alert, /why, /backtest): absent ports make those commands say so. */
  readonly store: Pick<Store, 'subscriptions' | 'destinations' | 'settings'> &
    Partial<
      Pick<
        Store,
        | 'outcomes'
        | 'suppressions'
        | 'marks'
        | 'counters'
        | 'priceAlerts'
        | 'priceHistory'
        | 'briefs'
        | 'webhooks'
        | 'alertLog'
      >
    >;
  /** `/chart`; absent: the command says charts are not available. */
  readonly charts?: ChartProvider;
  /** `/watchlist` and the daily brief (src/watchlist/service.ts); absent: the command says so. */
  readonly watchlist?: Pick<WatchlistService, 'content' | 'card'>;
  readonly directory: TokenDirectory;
  readonly market: MarketView;
  readonly limits: CommandLimits;
  /** Bot username for Telegram deep links, when known. */
  readonly botUsername?: string;
  /** Per-user command rate limit; absent: unlimited (tests, console). */
  readonly limiter?: CommandRateLimiter;
  /** Called once per limit hit (metrics). */
  readonly onLimit?: (limit: LimitKind, platform: Platform) => void;
  /** How webhook URLs are checked and test requests signed (WEBHOOK_ALLOW_HOSTS); absent: no webhooks. */
  readonly webhookPost?: PostDeps;
}

export type Handler = (ctx: CommandContext, args: Args, deps: CommandDeps) => Promise<Reply>;

export interface Command extends CommandSpec {
  readonly run?: Handler;
  readonly subcommands?: readonly Command[];
}
