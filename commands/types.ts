import type { ChartRange } from '#src/charts/types.js';
import type { TokenDirectory } from '#src/domain/market.js';
import type { Destination, Platform, TokenId } from '#src/domain/types.js';
import type { TokenView } from '#src/domain/view.js';
import type { Store } from '#src/store/ports.js';

/**
 * Platform-neutral command definitions. Discord turns them into slash commands (subcommands become
 * Discord subcommands), Telegram into `/name arg1 arg2` with positional options in declared order
 * (see parseTextArgs), the console into the same text form.
 */
export type OptionType = 'string' | 'number' | 'integer' | 'boolean' | 'channel';

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
  /** Telegram group/supergroup: parentId = chatId = chat id. */
  | { readonly kind: 'group'; readonly parentId: string; readonly chatId: string };

export interface CommandContext {
  readonly platform: Platform;
  readonly userId: string;
  readonly place: Place;
  /** Epoch ms. */
  readonly now: number;
  /** Server-side moderator check (Discord Manage Channels/Server, Telegram getChatMember admin). */
  isModerator(): Promise<boolean>;
  /**
   * Discord `/channel subscribe ... channel:#x`: checks the channel belongs to the place's guild and the
   * bot can post there. Returns the destination or a reason to refuse. Absent on platforms without it.
   */
  resolveChannel?(
    channelId: string,
  ): Promise<{ ok: true; destination: Destination } | { ok: false; reason: string }>;
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
   * A picture to send with the reply (`/chart`). Discord: an attachment shown as the embed's image;
   * Telegram: sendPhoto with the reply as caption (≤ 1,024 characters, else photo then text).
   * Platforms that cannot show it send the lines alone.
   */
  readonly image?: ReplyImage;
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
}

export interface CommandLimits {
  /** Max tokens one destination may subscribe to. Default 25. */
  readonly maxSubscriptionsPerDestination: number;
  /** Max own price alerts per destination. Default 20 (PRICE_ALERT_LIMITS.perDestination). */
  readonly maxPriceAlertsPerDestination?: number;
}

/** Draws `/chart`: provided by the app (src/charts/service.ts), absent where charts are not wired. */
export interface ChartProvider {
  tokenChart(req: {
    readonly tokenId: TokenId;
    readonly symbol: string;
    readonly range: ChartRange;
    readonly now: number;
  }): Promise<ReplyImage>;
}

export interface CommandDeps {
  readonly store: Pick<Store, 'subscriptions' | 'destinations' | 'settings'> &
    Partial<Pick<Store, 'priceAlerts'>>;
  /** `/chart`; absent: the command says charts are not available. */
  readonly charts?: ChartProvider;
  readonly directory: TokenDirectory;
  readonly market: MarketView;
  readonly limits: CommandLimits;
  /** Bot username for Telegram deep links, when known. */
  readonly botUsername?: string;
}

export type Handler = (ctx: CommandContext, args: Args, deps: CommandDeps) => Promise<Reply>;

export interface Command extends CommandSpec {
  readonly run?: Handler;
  readonly subcommands?: readonly Command[];
}
